/**
 * A dbt project's tests as checks on the datasets they test (origin
 * "dbt:<unique id>"), in the import's warehouse: created or updated, those
 * on relations Weir does not reach marked dbt-run only (with why), those
 * the project no longer has disabled and marked removed (their open
 * incident resolved), and dbt's results of an invocation stored once.
 */
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/db/client";
import type { TDbtImport, TDbtTest } from "@/engine/dbt/dbt-artifacts";
import { type TDbtReach, dbtRunOnlyReason } from "@/engine/dbt/dbt-warehouse";
import { recordCheckResult } from "@/engine/quality/record-check-results";
import type { TCheckStatus } from "@/engine/quality/run-check";

type Tx = Prisma.TransactionClient;

const STATUS: Record<string, TCheckStatus> = { pass: "passed", fail: "failed", warn: "failed", error: "error" };

export const DBT_ORIGIN = "dbt:";

/** `db.schema.table` (or `schema.table`) → schema and table. */
function datasetOf(relation: string): { schema: string; table: string } {
  const parts = relation.split(".");
  return { schema: parts.at(-2) ?? "main", table: parts.at(-1)! };
}

/** The package of a unique id (`test.<package>.<name>.<hash>`). */
export const packageOf = (uniqueId: string) => uniqueId.split(".")[1] ?? "";

export type TDbtChecks = { checkIds: Map<string, string>; skippedTests: string[]; runOnly: number };

/** Creates or updates a check per test Weir can express; a test on a relation Weir does not reach is stored dbt-run only. */
export async function upsertDbtChecks(tx: Tx, artifacts: TDbtImport, destination: { id: string; name: string }, reach: TDbtReach): Promise<TDbtChecks> {
  const relations = new Map([
    ...artifacts.models.map((m) => [m.uniqueId, m.relation] as const),
    ...artifacts.sources.map((s) => [s.uniqueId, s.relation] as const),
  ]);
  const out: TDbtChecks = { checkIds: new Map(), skippedTests: [], runOnly: 0 };
  const rows: {
    uniqueId: string;
    datasetSchema: string;
    datasetTable: string;
    name: string;
    definition: unknown;
    severity: string;
    origin: string;
    dbtRunOnlyReason: string | null;
  }[] = [];
  for (const test of artifacts.tests) {
    const relation = test.attachedTo ? relations.get(test.attachedTo) : undefined;
    if (!test.check || !relation) {
      out.skippedTests.push(test.name);
      continue;
    }
    const { schema, table } = datasetOf(relation);
    const read = [`${schema}.${table}`, ...(test.check.kind === "relationships" ? [`${test.check.toSchema}.${test.check.toTable}`] : [])];
    const dbtRunOnly = dbtRunOnlyReason(reach, destination.name, read);
    if (dbtRunOnly) out.runOnly++;
    rows.push({
      uniqueId: test.uniqueId,
      datasetSchema: schema,
      datasetTable: table,
      name: test.name,
      definition: test.check,
      severity: test.severity,
      origin: `${DBT_ORIGIN}${test.uniqueId}`,
      dbtRunOnlyReason: dbtRunOnly,
    });
  }
  if (!rows.length) return out;
  // One statement for all tests, in key order (two imports lock rows alike). A test back in the project is enabled again; one a person disabled stays so.
  const keyOf = (r: { datasetSchema: string; datasetTable: string; name: string }) => `${r.datasetSchema}\u0000${r.datasetTable}\u0000${r.name}`;
  const unique = [...new Map(rows.map((r) => [keyOf(r), r])).values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  const stored = await tx.$queryRaw<{ id: string; origin: string; name: string; datasetSchema: string; datasetTable: string }[]>`
    INSERT INTO "Check" AS c (id, name, "destinationId", "datasetSchema", "datasetTable", definition, severity, origin, "dbtRunOnlyReason", "removedAt", "updatedAt")
    SELECT gen_random_uuid(), r.name, ${destination.id}::uuid, r."datasetSchema", r."datasetTable", r.definition, r.severity::"CheckSeverity", r.origin, r."dbtRunOnlyReason", NULL, now()
    FROM jsonb_to_recordset(${JSON.stringify(unique)}::jsonb) AS r(name text, "datasetSchema" text, "datasetTable" text, definition jsonb, severity text, origin text, "dbtRunOnlyReason" text)
    ON CONFLICT ("destinationId", "datasetSchema", "datasetTable", name) DO UPDATE SET
      definition = EXCLUDED.definition, severity = EXCLUDED.severity, origin = EXCLUDED.origin, "dbtRunOnlyReason" = EXCLUDED."dbtRunOnlyReason",
      enabled = c.enabled OR c."removedAt" IS NOT NULL, "removedAt" = NULL, "updatedAt" = now()
    RETURNING id, origin, name, "datasetSchema", "datasetTable"`;
  // Two tests of one name on one dataset are one check (the last one's definition).
  const byKey = new Map(stored.map((c) => [keyOf(c), c.id]));
  for (const r of rows) out.checkIds.set(r.uniqueId, byKey.get(keyOf(r))!);
  return out;
}

export type TRemovedCheck = { id: string; destinationId: string | null; datasetSchema: string; datasetTable: string };

/** The checks of tests of these packages the manifest no longer has: disabled, marked removed, their open incident resolved. */
export async function removeDbtChecks(tx: Tx, destinationId: string, packages: ReadonlySet<string>, tests: readonly TDbtTest[]): Promise<TRemovedCheck[]> {
  const present = new Set(tests.map((t) => `${DBT_ORIGIN}${t.uniqueId}`));
  const candidates = await tx.check.findMany({
    where: { destinationId, origin: { startsWith: DBT_ORIGIN }, removedAt: null },
    select: { id: true, origin: true, destinationId: true, datasetSchema: true, datasetTable: true },
  });
  const gone = candidates.filter((c) => !present.has(c.origin) && packages.has(packageOf(c.origin.slice(DBT_ORIGIN.length))));
  if (!gone.length) return [];
  const ids = gone.map((c) => c.id);
  const at = new Date();
  await tx.check.updateMany({ where: { id: { in: ids } }, data: { enabled: false, removedAt: at } });
  await tx.incident.updateMany({
    where: { checkId: { in: ids }, status: { not: "resolved" } },
    data: { status: "resolved", resolvedAt: at, resolution: "The dbt test was removed from the project.", autoResolved: true },
  });
  return gone;
}

/** dbt's results as check results, once per test and invocation; returns how many were new and how many were stored already. */
export async function recordDbtResults(artifacts: TDbtImport, checkIds: ReadonlyMap<string, string>): Promise<{ recorded: TRemovedCheck[]; repeated: number }> {
  const out = { recorded: [] as TRemovedCheck[], repeated: 0 };
  const invocation = artifacts.resultsInvocation;
  if (!invocation) return out;
  // Results of this invocation stored already (the same file sent again) are counted, not written: one query, not one transaction each.
  const stored = new Set(
    (await db().checkResult.findMany({ where: { dbtInvocationId: invocation, checkId: { in: [...checkIds.values()] } }, select: { checkId: true } })).map(
      (r) => r.checkId,
    ),
  );
  for (const result of artifacts.results) {
    const checkId = checkIds.get(result.uniqueId);
    const status = STATUS[result.status];
    if (!checkId || !status) continue;
    if (stored.has(checkId)) {
      out.repeated++;
      continue;
    }
    const check = await db().check.findUniqueOrThrow({ where: { id: checkId } });
    const isNew = await recordCheckResult(
      check,
      {
        status,
        observed: result.failures,
        failingRows: result.failures,
        totalRows: null,
        sample: [],
        message: `dbt: ${result.message ?? result.status}`,
        durationMs: Math.round(result.seconds * 1000),
      },
      { dbtInvocationId: invocation },
    );
    if (isNew) out.recorded.push(check);
    else out.repeated++;
  }
  return out;
}
