/**
 * A DuckDB destination session: one connection to the warehouse file for
 * one run (opened by `connector.open`, closed at the end of the run).
 *
 * Batches are spooled, not loaded, as they arrive: each is written as a CSV
 * file into the load folder (batch-files.ts), and the stream's commit reads
 * all of them in one statement inside its transaction. For full refreshes
 * and appends the staged rows are a TEMP VIEW over the files, so the typed
 * insert into the target is one pass of DuckDB's parallel CSV reader and no
 * row is held in memory: the worker's memory stays flat whatever the size of
 * the stream (measured: `npm run bench:sync`, docs/performance.md). For
 * incremental_dedup, whose merge orders rows by arrival, the files are
 * loaded batch by batch into a TEMP table at commit time (the delta of an
 * incremental sync is usually small). Staged rows are never worth keeping
 * past the attempt: a retry discards them and reads again; files of a killed
 * process are removed by the next session.
 */
import type { TConnectorContext, TDestinationSession, TLedgerEntry, TRecordBatch, TResetTarget, TStreamState, TWritePlan } from "@/connectors/types";
import { prepareLoadFolder, removeBatchFiles, spoolBatchFile } from "@/connectors/duckdb/batch-files";
import { applySql, needsStateScan, stateSql } from "@/connectors/duckdb/commit-sql";
import { SYNC_MEMORY_LIMIT, type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { duckDbMessage, openError } from "@/connectors/duckdb/duckdb-errors";
import { CREATE_LEDGER_SQL, LEDGER_EXISTS_SQL, entryFromRow, insertLedgerSql, lastEntrySql } from "@/connectors/duckdb/ledger";
import { type TDuckDbHandle, openDatabase } from "@/connectors/duckdb/open-database";
import { ident, qualified } from "@/connectors/duckdb/sql-text";
import { type TSpooledBatch, spooledRowsSql } from "@/connectors/duckdb/spool-sql";
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
  const db = await openDatabase(databasePath(parsed), { threads: parsed.threads, memoryLimit: parsed.memoryLimit ?? SYNC_MEMORY_LIMIT, signal: ctx.signal });
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

/** An attempt's staging: its name (unique in the session), the batches spooled so far, and what its commit created. */
type TStage = { name: string; batches: TSpooledBatch[]; created?: "view" | "table" };

class DuckDbSession implements TDestinationSession {
  /** Staging of each attempt this session staged, by [namespace, table, runId, attempt]. */
  private readonly stages = new Map<string, TStage>();

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

  /** The attempt's staging, started (empty) on first use. Temporary objects are per connection, so names only need to be unique in this session. */
  private stage(plan: TWritePlan): TStage {
    const key = JSON.stringify([plan.namespace, plan.table, plan.runId, plan.attempt]);
    let stage = this.stages.get(key);
    if (!stage) {
      const taken = new Set([...this.stages.values()].map((s) => s.name));
      const base = stageName(plan);
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
      stage = { name, batches: [] };
      this.stages.set(key, stage);
    }
    return stage;
  }

  /**
   * Makes the staged rows readable as `stageRef(stage.name)`: a view over the
   * spooled files, or (dedup, or nothing spooled) a TEMP table loaded batch
   * by batch, each batch's row count checked.
   */
  private async materialize(plan: TWritePlan, stage: TStage): Promise<void> {
    if (plan.mode !== "incremental_dedup" && stage.batches.length) {
      await this.db.run(`CREATE OR REPLACE TEMP VIEW ${ident(stage.name)} AS ${spooledRowsSql(plan, stage.batches)}`);
      stage.created = "view";
      return;
    }
    await this.db.run(createStageSql(plan, stage.name));
    stage.created = "table";
    for (const batch of stage.batches) {
      const loaded = await this.db.run(loadStageSql(stage.name, batch.indexes, batch.file, batch.bytes, batch.extractedAt));
      if (loaded !== batch.rows) {
        throw new AppError("CONNECTOR_ERROR", `DuckDB destination: a batch of ${plan.stream} announced ${batch.rows} rows but its CSV held ${loaded}.`);
      }
    }
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
      this.ctx.signal.throwIfAborted();
      const stage = this.stage(plan);
      if (!batch.csv.length) return;
      const file = await spoolBatchFile(this.folder, batch.csv);
      stage.batches.push({ file, indexes, rows: batch.rows, bytes: batch.csv.length, extractedAt: batch.extractedAt });
    });
  }

  async commitStream(plan: TWritePlan, previous: TStreamState | null): Promise<TLedgerEntry> {
    const target = qualified(plan.namespace, plan.table);
    return this.guarded(`commit ${plan.stream} into ${target} (nothing was changed)`, async () => {
      const stage = this.stage(plan);
      const statements = applySql(plan, stage.name);
      const spooledRows = stage.batches.reduce((sum, b) => sum + b.rows, 0);
      const started = Date.now();
      try {
        // Rows of a full refresh or an append land in any order, which lets DuckDB's parallel insert stream instead of buffering; dedup's merge needs arrival order.
        const preserveInsertionOrder = plan.mode === "incremental_dedup";
        const entry = await this.db.load({ preserveInsertionOrder }, () => this.db.transaction(async () => {
          for (const sql of CREATE_LEDGER_SQL) await this.db.run(sql);
          await this.materialize(plan, stage);
          let cursor = previous?.cursor ?? null;
          let rows = 0;
          // A TEMP table is cheap to count; a view over the files is only scanned when a cursor must advance.
          const scan = needsStateScan(plan) || stage.created === "table";
          if (scan) {
            const [row] = await this.db.rows(stateSql(plan, stage.name, cursor));
            cursor = row?.[0] === null || row?.[0] === undefined ? null : String(row[0]);
            rows = Number(row?.[1] ?? 0);
          }
          let changed = 0;
          for (const sql of statements) changed += await this.db.run(sql);
          // Without a state scan the rows counted are the ones the load inserted (a full refresh or an append inserts every staged row).
          if (!scan) rows = changed;
          if (rows !== spooledRows) {
            throw new AppError("CONNECTOR_ERROR", `DuckDB destination: the batches of ${plan.stream} announced ${spooledRows} rows but their CSV held ${rows}.`);
          }
          faultPoint("duckdb.commit-applied");
          const written: TLedgerEntry = {
            connectionId: plan.connectionId,
            stream: plan.stream,
            runId: plan.runId,
            attempt: plan.attempt,
            state: cursor === null ? null : { cursor },
            rows,
            committedAt: new Date(),
          };
          await this.db.run(insertLedgerSql(written));
          await this.db.run(`DROP ${stage.created === "view" ? "VIEW" : "TABLE"} ${stageRef(stage.name)}`);
          return written;
        }));
        this.ctx.log.debug({ stream: plan.stream, mode: plan.mode, rows: entry.rows, ms: Date.now() - started }, "DuckDB commit");
        await this.forget(plan);
        return entry;
      } finally {
        // Rolled back: the transaction took the view or table with it.
        stage.created = undefined;
      }
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
      for (const [key, stage] of [...this.stages]) {
        const [namespace, table] = JSON.parse(key) as [string, string];
        if (namespace !== plan.namespace || table !== plan.table) continue;
        if (stage.created) await this.db.run(`DROP ${stage.created === "view" ? "VIEW" : "TABLE"} IF EXISTS ${stageRef(stage.name)}`);
        await removeBatchFiles(stage.batches.map((b) => b.file));
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

  /** Forgets the plan's staging (its view or table dropped by the commit) and removes its files. */
  private async forget(plan: TWritePlan): Promise<void> {
    const key = JSON.stringify([plan.namespace, plan.table, plan.runId, plan.attempt]);
    const stage = this.stages.get(key);
    this.stages.delete(key);
    if (stage) await removeBatchFiles(stage.batches.map((b) => b.file));
  }

  async close(): Promise<void> {
    const files = [...this.stages.values()].flatMap((s) => s.batches.map((b) => b.file));
    this.stages.clear();
    await removeBatchFiles(files).catch((e: unknown) => this.ctx.log.warn({ err: e }, "DuckDB destination: could not remove spooled batch files"));
    await this.db.close();
  }
}
