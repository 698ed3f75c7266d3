/**
 * `commitStream` on Snowflake: the only place the target changes. Snowflake
 * commits DDL at once, outside any transaction, so a commit runs in phases,
 * ordered so that a crash or an error at any point loses nothing and
 * duplicates nothing:
 *
 * 1. Read the target's stored columns and decide the changes
 *    (type-changes.ts); SCHEMA_CHANGED here changes nothing. Compute the new
 *    cursor and read what the cursor boundary in force recorded (one query).
 * 2. append and dedup: run the DDL (create the table, add columns, change
 *    types), then one transaction: the rows (INSERT, or MERGE; in
 *    incremental modes from the staged rows less those the cursor boundary
 *    already holds: cursor-boundary.ts), the new boundary, the objects read,
 *    the ledger row.
 *    When anything after the first DDL fails, the DDL is undone (each step
 *    in reverse) and the staging dropped; a schema created for a new table
 *    stays (empty), as dropping a schema could take other tables with it.
 *    A COMMIT that got no answer is not undone: it may have taken effect,
 *    and the retry finds this run in the ledger if it did. A process killed
 *    after the DDL and before COMMIT leaves the DDL (an empty new table, a
 *    new NULL column, a widened type holding the same values); the retry
 *    finds it done.
 * 3. full_refresh_overwrite: one CREATE OR REPLACE TABLE … COPY GRANTS AS
 *    SELECT puts the new table in place with the plan's types (a failure
 *    leaves the target as it was), then one transaction writes boundary,
 *    objects and ledger. A crash between the two leaves the new table and a
 *    ledger without this run: the retry loads and replaces again, which an
 *    overwrite may do.
 * 4. After the COMMIT: the staging is dropped and cursor boundaries no
 *    longer in force are pruned (boundary-sql.ts), both best effort.
 */
import { INSERT_LEDGER_SQL, insertStagedSql, mergeStagedSql, replaceWithStagedSql, stagedRows } from "@/connectors/snowflake/apply-sql";
import {
  type TBoundaryTarget,
  type THeld,
  atCursor,
  insertBoundarySql,
  insertObjectsSql,
  keptRowsSql,
  pruneBoundarySql,
} from "@/connectors/snowflake/boundary-sql";
import { type TSnowflake, describeTarget } from "@/connectors/snowflake/config";
import type { TExec } from "@/connectors/snowflake/connect";
import { type TRecorded, boundaryOf, heldAtBoundary, mergesRecorded, planColumnsJson, readCursorAndRecorded } from "@/connectors/snowflake/cursor-boundary";
import { WEIR_SCHEMA, fold } from "@/connectors/snowflake/identifiers";
import { dropTableSql } from "@/connectors/snowflake/load-sql";
import { findRefusedSql, refusalError } from "@/connectors/snowflake/refusal";
import type { TResolvedPlan } from "@/connectors/snowflake/resolve-plan";
import { STORED_COLUMNS_SQL, type TStoredColumn, parseStoredColumns } from "@/connectors/snowflake/stored-types";
import { type TDdlStep, overwriteLayout, planTargetChanges, targetDdl } from "@/connectors/snowflake/type-changes";
import type { TLedgerEntry, TStreamState } from "@/connectors/types";
import { AppError, isAppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";
import type { Logger } from "@/lib/logger";

export type TCommitInput = {
  exec: TExec;
  config: TSnowflake;
  log: Logger;
  r: TResolvedPlan;
  previous: TStreamState | null;
  objects?: readonly string[];
  /** Rows in the staging table. */
  staged: number;
  /** Creates the target's schema when missing (DDL, before a new table). */
  ensureSchema(): Promise<void>;
};

/** Rows written by an INSERT or MERGE, from its result (columns "number of rows inserted/updated"). */
function affectedRows(result: { rows: unknown[][]; columns: { name: string }[] }): number {
  const row = result.rows[0] ?? [];
  return result.columns.reduce((n, c, i) => (/number of rows (inserted|updated)/i.test(c.name) ? n + Number(row[i] ?? 0) : n), 0);
}

const incremental = (r: TResolvedPlan) => r.plan.mode === "incremental_append" || r.plan.mode === "incremental_dedup";

/** Inside the open transaction: the new boundary (also at the NULL cursor while the stream has none), the objects read, then the ledger row. */
async function record(input: TCommitInput, cursor: string | null, rows: number, recorded: TRecorded | null): Promise<Date> {
  const { exec, r } = input;
  const boundary = boundaryOf(r);
  if (boundary) {
    const merge = recorded !== null && mergesRecorded(r, recorded, input.previous?.cursor ?? null, cursor);
    await exec(insertBoundarySql(boundary, cursor, merge, planColumnsJson(r)), `recording the cursor boundary of ${r.label}`);
  }
  for (const sql of insertObjectsSql({ connectionId: r.plan.connectionId, stream: r.stream, runId: r.runId, attempt: r.plan.attempt }, input.objects ?? [])) {
    await exec(sql, `recording the objects read for ${r.label}`);
  }
  faultPoint("snowflake.before-ledger");
  const committedAt = new Date();
  await exec(INSERT_LEDGER_SQL, `writing the ledger of ${r.label}`, [
    r.plan.connectionId,
    r.stream,
    r.runId,
    r.plan.attempt,
    cursor,
    rows,
    committedAt.toISOString(),
  ]);
  return committedAt;
}

/** Where a failure happened: only a failure converting staged values is looked for among them, and a COMMIT without an answer is not undone. */
type TPhase = { name: "plan" | "ddl" | "rows" | "record" | "commit" };

async function inTransaction<T>(input: TCommitInput, phase: TPhase, body: () => Promise<T>): Promise<T> {
  const doing = `committing ${input.r.label}`;
  await input.exec("BEGIN", doing);
  let result: T;
  try {
    result = await body();
  } catch (e) {
    await input.exec("ROLLBACK", `rolling back ${input.r.label}`).catch(() => undefined);
    throw e;
  }
  phase.name = "commit";
  await input.exec("COMMIT", doing);
  return result;
}

/**
 * Rows at the saved cursor that the boundary holds are not applied, so no
 * statement converts them. When the plan's columns changed since the
 * boundary was recorded, such a row was never checked against today's types:
 * a value it holds that a column cannot take is refused all the same, as in
 * every other row. (Unchanged columns: the row's texts are those of a row
 * committed under the same types.)
 */
async function checkHeldRows(input: TCommitInput, boundary: TBoundaryTarget, saved: string | null, held: THeld): Promise<void> {
  if (held !== "all" && held.identity.length === boundary.columnCount) return;
  const found = await input.exec(findRefusedSql(input.r, atCursor(boundary, "s", saved)), `checking the rows at the saved cursor of ${input.r.label}`);
  const refused = refusalError(input.r, found.rows[0], `Snowflake destination ${describeTarget(input.config)}`);
  if (refused) throw refused;
}

async function appendOrMerge(input: TCommitInput, stored: TStoredColumn[], cursor: string | null, recorded: TRecorded | null, phase: TPhase, done: TDdlStep[]) {
  const { exec, r, previous } = input;
  const boundary = boundaryOf(r);
  const saved = previous?.cursor ?? null;
  const held = boundary && recorded && incremental(r) ? heldAtBoundary(r, recorded, saved) : null;
  if (boundary && held) await checkHeldRows(input, boundary, saved, held);
  phase.name = "ddl";
  const changes = planTargetChanges(r, stored);
  if (changes.create) await input.ensureSchema();
  for (const step of targetDdl(r, stored, changes)) {
    await exec(step.sql, step.doing);
    done.push(step);
  }
  const rowsSql = boundary && held ? `(${keptRowsSql(boundary, saved, held)})` : stagedRows(r);
  return inTransaction(input, phase, async () => {
    phase.name = "rows";
    const sql = r.plan.mode === "incremental_dedup" ? mergeStagedSql(r, rowsSql) : insertStagedSql(r, rowsSql);
    const rows = affectedRows(await exec(sql, `applying the staged rows to ${r.label}`));
    phase.name = "record";
    return { rows, committedAt: await record(input, cursor, rows, recorded) };
  });
}

async function overwrite(input: TCommitInput, stored: TStoredColumn[], cursor: string | null, phase: TPhase) {
  const { exec, r } = input;
  planTargetChanges(r, stored);
  if (stored.length === 0) await input.ensureSchema();
  phase.name = "rows";
  await exec(replaceWithStagedSql(r, overwriteLayout(r, stored)), `replacing ${r.label} with the staged rows`);
  faultPoint("snowflake.after-replace");
  phase.name = "record";
  try {
    return { rows: input.staged, committedAt: await inTransaction(input, phase, () => record(input, cursor, input.staged, null)) };
  } catch (e) {
    const error = isAppError(e) ? e : new AppError("CONNECTOR_ERROR", String(e));
    throw new AppError(error.code, `${error.message} The new ${r.label} is in place, but the ledger does not record it: the retry loads the stream again.`, {
      ...error.details,
      replaced: true,
    });
  }
}

/** After the COMMIT, best effort: the boundaries no longer in force (a failure leaves rows the next commit prunes). */
async function prune(input: TCommitInput): Promise<void> {
  const boundary = boundaryOf(input.r);
  if (!boundary) return;
  await input.exec(pruneBoundarySql(boundary), `pruning old cursor boundaries of ${input.r.label}`).catch((e: unknown) => {
    input.log.warn({ table: input.r.label, err: e instanceof Error ? e.message : String(e) }, "Snowflake destination: could not prune old cursor boundaries");
  });
}

/** Undoes the DDL steps that ran, last first; says what could not be undone. */
async function undo(input: TCommitInput, done: TDdlStep[]): Promise<string> {
  const failed: string[] = [];
  for (const step of [...done].reverse()) {
    for (const statement of step.undo) {
      try {
        await input.exec(statement.sql, statement.doing);
      } catch (e) {
        failed.push(statement.doing);
        input.log.warn(
          { table: input.r.label, err: e instanceof Error ? e.message : String(e) },
          "Snowflake destination: could not undo a DDL step of a failed commit",
        );
      }
    }
  }
  return failed.length ? ` Weir could not undo: ${failed.join("; ")}.` : "";
}

async function refusal(input: TCommitInput, e: AppError): Promise<AppError> {
  try {
    const found = await input.exec(findRefusedSql(input.r), "finding the value that does not convert");
    return refusalError(input.r, found.rows[0], `Snowflake destination ${describeTarget(input.config)}`) ?? e;
  } catch {
    return e; // the search is a courtesy; the original error stands
  }
}

export async function commitStagedStream(input: TCommitInput): Promise<TLedgerEntry> {
  const { exec, r, previous } = input;
  const { plan } = r;
  const phase: TPhase = { name: "plan" };
  const done: TDdlStep[] = [];
  try {
    const stored = parseStoredColumns((await exec(STORED_COLUMNS_SQL, `reading the columns of ${r.label}`, [fold(r.schema), fold(r.table)])).rows);
    const { cursor, recorded } = await readCursorAndRecorded(exec, r, previous?.cursor ?? null, input.staged);
    const { rows, committedAt } =
      plan.mode === "full_refresh_overwrite"
        ? await overwrite(input, stored, cursor, phase)
        : await appendOrMerge(input, stored, cursor, recorded, phase, done);
    await exec(dropTableSql(WEIR_SCHEMA, r.stage), `dropping the staging table of ${r.label}`).catch(() => undefined);
    await prune(input);
    return {
      connectionId: plan.connectionId,
      stream: plan.stream,
      runId: plan.runId,
      attempt: plan.attempt,
      state: cursor === null ? null : { cursor },
      rows,
      committedAt,
    };
  } catch (e) {
    let error = isAppError(e)
      ? e
      : new AppError("CONNECTOR_ERROR", `Snowflake destination ${describeTarget(input.config)}, committing ${r.label}: ${String(e)}`);
    if (phase.name === "commit") {
      // The COMMIT may have taken effect: nothing is undone, and the retry finds this run in the ledger if it did.
      throw new AppError(
        error.code,
        `${error.message} Snowflake did not confirm the COMMIT of ${r.label}; the next attempt reads the ledger to see whether it took effect.`,
        error.details,
      );
    }
    if (error.code === "DATA_REJECTED" && phase.name === "rows") error = await refusal(input, error);
    const undone = await undo(input, done);
    await exec(dropTableSql(WEIR_SCHEMA, r.stage), `dropping the staging table of ${r.label}`).catch(() => undefined);
    const unchanged = error.details?.replaced ? "" : ` Nothing was committed: ${r.label} and the ledger are as they were.`;
    throw new AppError(error.code, `${error.message}${unchanged}${undone}`, error.details);
  }
}
