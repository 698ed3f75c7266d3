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
  const relations = new Map([...artifacts.models.map((m) => [m.uniqueId, m.relation] as const), ...artifacts.sources.map((s) => [s.uniqueId, s.relation] as const)]);
  const existing = new Map((await tx.check.findMany({ where: { destinationId: destination.id, origin: { startsWith: DBT_ORIGIN } }, select: { origin: true, removedAt: true } })).map((c) => [c.origin, c]));
  const out: TDbtChecks = { checkIds: new Map(), skippedTests: [], runOnly: 0 };
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
    const origin = `${DBT_ORIGIN}${test.uniqueId}`;
    const data = { destinationId: destination.id, datasetSchema: schema, datasetTable: table, name: test.name, definition: test.check, severity: test.severity, origin, dbtRunOnlyReason: dbtRunOnly, removedAt: null };
    const check = await tx.check.upsert({
      where: { destinationId_datasetSchema_datasetTable_name: { destinationId: destination.id, datasetSchema: schema, datasetTable: table, name: test.name } },
      create: data,
      // A test back in the project is enabled again; one a person disabled stays so.
      update: { ...data, ...(existing.get(origin)?.removedAt ? { enabled: true } : {}) },
    });
    out.checkIds.set(test.uniqueId, check.id);
  }
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
  for (const result of artifacts.results) {
    const checkId = checkIds.get(result.uniqueId);
    const status = STATUS[result.status];
    if (!checkId || !status) continue;
    const check = await db().check.findUniqueOrThrow({ where: { id: checkId } });
    const stored = await recordCheckResult(
      check,
      { status, observed: result.failures, failingRows: result.failures, totalRows: null, sample: [], message: `dbt: ${result.message ?? result.status}`, durationMs: Math.round(result.seconds * 1000) },
      { dbtInvocationId: invocation },
    );
    if (stored) out.recorded.push(check);
    else out.repeated++;
  }
  return out;
}
