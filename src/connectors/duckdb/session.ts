/**
 * A DuckDB destination session: one connection to the warehouse file for
 * one run (opened by `connector.open`, closed at the end of the run).
 *
 * Staging tables are TEMPORARY tables of the session's connection. Staged
 * rows are never worth keeping past the attempt (a retry discards them and
 * reads again), and temporary tables skip the write-ahead log and the
 * checkpoints a persistent table pays for every batch: measured
 * (load-throughput.test.ts, WEIR_DUCKDB_BENCH=1), 1M rows of 8 columns staged
 * at ~620k rows/s against ~170k rows/s into a persistent table and ~280k
 * rows/s through the appender. A killed process leaves no staging behind;
 * larger-than-memory staging spills to `<file>.tmp`.
 */
import type { TConnectorContext, TDestinationSession, TLedgerEntry, TRecordBatch, TResetTarget, TStreamState, TWritePlan } from "@/connectors/types";
import { prepareLoadFolder, withBatchFile } from "@/connectors/duckdb/batch-files";
import { applySql, stateSql } from "@/connectors/duckdb/commit-sql";
import { type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { duckDbMessage, openError } from "@/connectors/duckdb/duckdb-errors";
import { CREATE_LEDGER_SQL, LEDGER_EXISTS_SQL, entryFromRow, insertLedgerSql, lastEntrySql } from "@/connectors/duckdb/ledger";
import { type TDuckDbHandle, openDatabase } from "@/connectors/duckdb/open-database";
import { qualified } from "@/connectors/duckdb/sql-text";
import { batchColumnIndexes, createStageSql, loadStageSql, stageName, stageRef } from "@/connectors/duckdb/stage-sql";
import { addColumnsSql, assertDistinctColumns, createTargetSql, existingColumnsSql } from "@/connectors/duckdb/target-ddl";
import { AppError, isAppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";

/** DuckDB errors caused by the data (a value that does not convert): retrying cannot help. */
const DATA_ERROR = /^(Conversion Error|Invalid Input Error|Constraint Error|Out of Range Error)/;

/** What a session method throws: the abort reason when aborted, AppErrors as they are, DuckDB's errors as AppErrors saying what failed. */
function failure(error: unknown, signal: AbortSignal, what: string): unknown {
  if (signal.aborted) return signal.reason;
  if (isAppError(error)) return error;
  const message = duckDbMessage(error);
  return new AppError(DATA_ERROR.test(message) ? "BAD_INPUT" : "CONNECTOR_ERROR", `DuckDB destination: could not ${what}: ${message}`);
}

export async function openDuckDbSession(config: TDuckDbConfig, ctx: TConnectorContext): Promise<TDestinationSession> {
  const parsed = parseDuckDbConfig(config);
  const db = await openDatabase(databasePath(parsed), { threads: parsed.threads, memoryLimit: parsed.memoryLimit, signal: ctx.signal });
  let folder: string;
  try {
    folder = await prepareLoadFolder(db.file);
    for (const sql of CREATE_LEDGER_SQL) await db.run(sql);
  } catch (e) {
    await db.close();
    throw isAppError(e) ? e : openError(e, db.file);
  }
  return new DuckDbSession(db, folder, ctx);
}

class DuckDbSession implements TDestinationSession {
  /** Staging table of each attempt this session staged, by [namespace, table, runId, attempt]. */
  private readonly stages = new Map<string, string>();

  constructor(
    private readonly db: TDuckDbHandle,
    private readonly folder: string,
    private readonly ctx: TConnectorContext,
  ) {}

  private async guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw failure(e, this.ctx.signal, what);
    }
  }

  /** The attempt's staging table, created (empty) on first use. Temporary tables are per connection, so names only need to be unique in this session. */
  private async stage(plan: TWritePlan): Promise<string> {
    const key = JSON.stringify([plan.namespace, plan.table, plan.runId, plan.attempt]);
    let name = this.stages.get(key);
    if (!name) {
      const taken = new Set(this.stages.values());
      const base = stageName(plan);
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
      await this.db.run(createStageSql(plan, name));
      this.stages.set(key, name);
    }
    return name;
  }

  async prepareStream(plan: TWritePlan): Promise<void> {
    assertDistinctColumns(plan);
    await this.guarded(`prepare ${qualified(plan.namespace, plan.table)}`, async () => {
      for (const sql of createTargetSql(plan)) await this.db.run(sql);
      const existing = (await this.db.rows(existingColumnsSql(plan.namespace, plan.table))).map((r) => String(r[0]));
      const added = addColumnsSql(plan, existing);
      for (const sql of added) await this.db.run(sql);
      if (added.length && existing.length) this.ctx.log.info({ stream: plan.stream, added: added.length }, "added new columns to the DuckDB table");
    });
  }

  async writeBatch(plan: TWritePlan, batch: TRecordBatch): Promise<void> {
    const indexes = batchColumnIndexes(plan, batch);
    await this.guarded(`stage a batch of ${plan.stream}`, async () => {
      const name = await this.stage(plan);
      if (!batch.csv.length) return;
      const loaded = await withBatchFile(this.folder, batch.csv, (file) => this.db.run(loadStageSql(name, indexes, file, batch.csv.length, batch.extractedAt)));
      if (loaded !== batch.rows) {
        throw new AppError("CONNECTOR_ERROR", `DuckDB destination: a batch of ${plan.stream} announced ${batch.rows} rows but its CSV held ${loaded}.`);
      }
    });
  }

  async commitStream(plan: TWritePlan, previous: TStreamState | null): Promise<TLedgerEntry> {
    const target = qualified(plan.namespace, plan.table);
    return this.guarded(`commit ${plan.stream} into ${target} (nothing was changed)`, async () => {
      const name = await this.stage(plan);
      const statements = applySql(plan, name);
      const started = Date.now();
      const entry = await this.db.transaction(async () => {
        for (const sql of CREATE_LEDGER_SQL) await this.db.run(sql);
        const [row] = await this.db.rows(stateSql(plan, name, previous?.cursor ?? null));
        const cursor = row?.[0] === null || row?.[0] === undefined ? null : String(row[0]);
        for (const sql of statements) await this.db.run(sql);
        faultPoint("duckdb.commit-applied");
        const written: TLedgerEntry = {
          connectionId: plan.connectionId,
          stream: plan.stream,
          runId: plan.runId,
          attempt: plan.attempt,
          state: cursor === null ? null : { cursor },
          rows: Number(row?.[1] ?? 0),
          committedAt: new Date(),
        };
        await this.db.run(insertLedgerSql(written));
        await this.db.run(`DROP TABLE ${stageRef(name)}`);
        return written;
      });
      this.forget(plan);
      this.ctx.log.debug({ stream: plan.stream, mode: plan.mode, rows: entry.rows, ms: Date.now() - started }, "DuckDB commit");
      return entry;
    });
  }

  async lastCommitted(connectionId: string, stream: string): Promise<TLedgerEntry | null> {
    return this.guarded(`read the ledger of ${stream}`, async () => {
      const [exists] = await this.db.rows(LEDGER_EXISTS_SQL);
      if (!Number(exists?.[0])) return null;
      const [row] = await this.db.rows(lastEntrySql(connectionId, stream));
      return row ? entryFromRow(row) : null;
    });
  }

  async discardStaging(plan: TWritePlan): Promise<void> {
    await this.guarded(`discard the staging of ${plan.stream}`, async () => {
      for (const [key, name] of [...this.stages]) {
        const [namespace, table] = JSON.parse(key) as [string, string];
        if (namespace !== plan.namespace || table !== plan.table) continue;
        await this.db.run(`DROP TABLE IF EXISTS ${stageRef(name)}`);
        this.stages.delete(key);
      }
    });
  }

  async resetStream(target: TResetTarget, opts: { dropTable: boolean; resetId: string }): Promise<void> {
    await this.guarded(`clear the state of ${target.stream}`, async () => {
      await this.db.transaction(async () => {
        for (const sql of CREATE_LEDGER_SQL) await this.db.run(sql);
        if (opts.dropTable) await this.db.run(`DROP TABLE IF EXISTS ${qualified(target.namespace, target.table)}`);
        await this.db.run(insertLedgerSql({ connectionId: target.connectionId, stream: target.stream, runId: opts.resetId, attempt: 0, state: null, rows: 0, committedAt: new Date() }));
      });
    });
  }

  /** Forgets the plan's staging table (dropped by its commit). */
  private forget(plan: TWritePlan): void {
    this.stages.delete(JSON.stringify([plan.namespace, plan.table, plan.runId, plan.attempt]));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
