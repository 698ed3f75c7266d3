/**
 * The DbtNodes of an import, written set-based (one statement for a
 * project's thousands of nodes), and those earlier imports of the project
 * had that the manifest no longer has, marked removed.
 */
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/db/client";
import type { TDbtImport } from "@/engine/dbt/dbt-artifacts";

type Tx = Prisma.TransactionClient;

/** A node as stored. */
export type TNodeRow = {
  uniqueId: string;
  kind: string;
  name: string;
  relation: string;
  materialization: string | null;
  description: string;
  owner: string | null;
  sql: string | null;
  path: string | null;
  upstream: string[];
  columns: object[];
};

export function nodeRows(artifacts: TDbtImport): TNodeRow[] {
  return [
    ...artifacts.models.map((m) => ({
      uniqueId: m.uniqueId,
      kind: m.kind,
      name: m.name,
      relation: m.relation,
      materialization: m.materialization,
      description: m.description,
      owner: m.owner,
      sql: m.sql,
      path: m.path,
      upstream: m.upstream,
      columns: m.columns,
    })),
    ...artifacts.sources.map((s) => ({
      uniqueId: s.uniqueId,
      kind: "source",
      name: `${s.sourceName}.${s.name}`,
      relation: s.relation,
      materialization: null,
      description: s.description,
      owner: null,
      sql: null,
      path: null,
      upstream: [],
      columns: s.columns,
    })),
  ];
}

/** Creates or updates the nodes (no longer removed); their last status comes from run_results.json when it was given, else stays. */
export async function storeDbtNodes(tx: Tx, importId: string, rows: readonly TNodeRow[], artifacts: TDbtImport, withResults: boolean): Promise<void> {
  if (!rows.length) return;
  const results = new Map(artifacts.results.map((r) => [r.uniqueId, r]));
  const json = JSON.stringify(
    [...rows]
      .sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1))
      .map((n) => ({ ...n, lastStatus: results.get(n.uniqueId)?.status ?? null, lastRunSeconds: results.get(n.uniqueId)?.seconds ?? null })),
  );
  await tx.$executeRaw`
    INSERT INTO "DbtNode" AS n (id, "importId", "uniqueId", kind, name, relation, materialization, description, owner, sql, path, upstream, columns, "lastStatus", "lastRunSeconds", "removedAt", "updatedAt")
    SELECT gen_random_uuid(), ${importId}::uuid, r."uniqueId", r.kind, r.name, r.relation, r.materialization, r.description, r.owner, r.sql, r.path,
      ARRAY(SELECT jsonb_array_elements_text(r.upstream)), r.columns, r."lastStatus", r."lastRunSeconds", NULL, now()
    FROM jsonb_to_recordset(${json}::jsonb) AS r("uniqueId" text, kind text, name text, relation text, materialization text, description text, owner text, sql text, path text,
      upstream jsonb, columns jsonb, "lastStatus" text, "lastRunSeconds" float8)
    ON CONFLICT ("uniqueId") DO UPDATE SET
      "importId" = EXCLUDED."importId", kind = EXCLUDED.kind, name = EXCLUDED.name, relation = EXCLUDED.relation, materialization = EXCLUDED.materialization,
      description = EXCLUDED.description, owner = EXCLUDED.owner, sql = EXCLUDED.sql, path = EXCLUDED.path, upstream = EXCLUDED.upstream, columns = EXCLUDED.columns,
      "lastStatus" = CASE WHEN ${withResults} THEN EXCLUDED."lastStatus" ELSE n."lastStatus" END,
      "lastRunSeconds" = CASE WHEN ${withResults} THEN EXCLUDED."lastRunSeconds" ELSE n."lastRunSeconds" END,
      "removedAt" = NULL, "updatedAt" = now()`;
}

/** Nodes earlier imports of the project into this warehouse had and `current` lacks: marked removed, and returned. */
export async function removeDbtNodes(tx: Tx, project: string | null, destinationId: string, current: ReadonlySet<string>) {
  const gone = await tx.dbtNode.findMany({ where: { removedAt: null, uniqueId: { notIn: [...current] }, import: { project, destinationId } } });
  if (gone.length) await tx.dbtNode.updateMany({ where: { id: { in: gone.map((n) => n.id) } }, data: { removedAt: new Date() } });
  return gone;
}

/** The imported dbt nodes the latest imports still have, for the models page. */
export async function listDbtNodes() {
  return db().dbtNode.findMany({
    where: { removedAt: null },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: {
      uniqueId: true,
      kind: true,
      name: true,
      relation: true,
      materialization: true,
      description: true,
      owner: true,
      upstream: true,
      lastStatus: true,
      updatedAt: true,
    },
  });
}
