/**
 * A DuckDB destination session: one connection to the warehouse file for
 * one run (opened by `connector.open`, closed at the end of the run).
 *
 * Batches are spooled, not loaded, as they arrive: each is written as a CSV
 * file into the load folder (batch-files.ts), and the stream's commit reads
 * all of them in one statement inside its transaction (commit-stream.ts),
 * so no row is held in memory and the worker's memory stays flat whatever
 * the size of the stream (measured: `npm run bench:sync`,
 * docs/performance.md). Nothing but the commit touches the target:
 * prepareStream and writeBatch only stage. Staged rows are never worth
 * keeping past the attempt: a failed commit drops them (after naming the
 * value it refused, data-rejection.ts), a retry reads again, and files of a
 * killed process are removed by the next session.
 */
import type {
  TCommitExtras,
  TConnectorContext,
  TDestinationSession,
  TLedgerEntry,
  TRecordBatch,
  TResetTarget,
  TStreamState,
  TWritePlan,
} from "@/connectors/types";
import { type TStage, dropStage } from "@/connectors/duckdb/attempt-stage";
import { prepareLoadFolder, removeBatchFiles, spoolBatchFile } from "@/connectors/duckdb/batch-files";
import { assertApplicable } from "@/connectors/duckdb/commit-sql";
import { commitStage } from "@/connectors/duckdb/commit-stream";
import { SYNC_MEMORY_LIMIT, type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { MAX_PROBED_VALUE, firstRefusedSql, reasonSql, rejection } from "@/connectors/duckdb/data-rejection";
import { duckDbMessage, openError } from "@/connectors/duckdb/duckdb-errors";
import { CREATE_LEDGER_SQL, LEDGER_EXISTS_SQL, entryFromRow, insertLedgerSql, lastEntrySql } from "@/connectors/duckdb/ledger";
import { forgetStreamKeysSql, seenObjectsSql } from "@/connectors/duckdb/ledger-keys";
import { type TDuckDbHandle, openDatabase } from "@/connectors/duckdb/open-database";
import { qualified } from "@/connectors/duckdb/sql-text";
import { batchColumnIndexes, stageName, stageRef } from "@/connectors/duckdb/stage-sql";
import { assertDistinctColumns } from "@/connectors/duckdb/target-ddl";
import { AppError, isAppError } from "@/lib/app-error";

/** DuckDB errors caused by the data (a value that does not convert, or a malformed batch): retrying cannot help. */
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
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw isAppError(e) ? e : openError(e, db.file);
  }
  return new DuckDbSession(db, folder, ctx);
}

const stageKey = (plan: TWritePlan) => JSON.stringify([plan.namespace, plan.table, plan.runId, plan.attempt]);

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
    const key = stageKey(plan);
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

  async prepareStream(plan: TWritePlan): Promise<void> {
    assertDistinctColumns(plan);
    assertApplicable(plan);
    this.stage(plan);
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

  async commitStream(plan: TWritePlan, previous: TStreamState | null, extras?: TCommitExtras): Promise<TLedgerEntry> {
    const what = `commit ${plan.stream} into ${qualified(plan.namespace, plan.table)} (nothing was changed)`;
    assertDistinctColumns(plan);
    const stage = this.stage(plan);
    const started = Date.now();
    let entry: TLedgerEntry;
    try {
      entry = await commitStage(this.db, plan, stage, previous, extras);
    } catch (e) {
      const explained = await this.explain(plan, stage, e);
      await this.discardStage(plan, stage);
      throw failure(explained, this.ctx.signal, what);
    }
    this.ctx.log.debug({ stream: plan.stream, mode: plan.mode, rows: entry.rows, ms: Date.now() - started }, "DuckDB commit");
    await this.discardStage(plan, stage);
    return entry;
  }

  /**
   * The DATA_REJECTED error naming the first refused value, when `error` is
   * DuckDB failing on the data and the staged rows show which; else `error`.
   * A stage that cannot be read (a malformed batch) leaves DuckDB's message.
   */
  private async explain(plan: TWritePlan, stage: TStage, error: unknown): Promise<unknown> {
    if (this.ctx.signal.aborted || isAppError(error) || !stage.created || !DATA_ERROR.test(duckDbMessage(error))) return error;
    try {
      const [row] = await this.db.rows(firstRefusedSql(plan, stageRef(stage.name)));
      if (!row) return error;
      const value = String(row[2]);
      const reason =
        value.length > MAX_PROBED_VALUE
          ? null
          : await this.db.rows(reasonSql(plan, Number(row[0]), value)).then(
              () => null,
              (e: unknown) => (e instanceof Error ? e.message : String(e)),
            );
      return rejection(plan, row, reason);
    } catch (e) {
      this.ctx.log.debug({ err: e, stream: plan.stream }, "DuckDB destination: could not find the refused value");
      return error;
    }
  }

  /** Drops an attempt's staging and forgets it; kept for discardStaging when DuckDB does not answer. */
  private async discardStage(plan: TWritePlan, stage: TStage): Promise<void> {
    try {
      await dropStage(this.db, stage);
      this.stages.delete(stageKey(plan));
    } catch (e) {
      this.ctx.log.warn({ err: e, stream: plan.stream }, "DuckDB destination: could not drop an attempt's staging");
    }
  }

  async lastCommitted(connectionId: string, stream: string): Promise<TLedgerEntry | null> {
    return this.guarded(`read the ledger of ${stream}`, async () => {
      const [exists] = await this.db.rows(LEDGER_EXISTS_SQL);
      if (!Number(exists?.[0])) return null;
      const [row] = await this.db.rows(lastEntrySql(connectionId, stream));
      return row ? entryFromRow(row) : null;
    });
  }

  async seenObjects(connectionId: string, stream: string): Promise<string[]> {
    return this.guarded(`read the objects of ${stream}`, async () => (await this.db.rows(seenObjectsSql(connectionId, stream))).map((r) => String(r[0])));
  }

  async discardStaging(plan: TWritePlan): Promise<void> {
    await this.guarded(`discard the staging of ${plan.stream}`, async () => {
      for (const [key, stage] of [...this.stages]) {
        const [namespace, table] = JSON.parse(key) as [string, string];
        if (namespace !== plan.namespace || table !== plan.table) continue;
        await dropStage(this.db, stage);
        this.stages.delete(key);
      }
    });
  }

  async resetStream(target: TResetTarget, opts: { dropTable: boolean; resetId: string }): Promise<void> {
    await this.guarded(`clear the state of ${target.stream}`, async () => {
      await this.db.transaction(async () => {
        for (const sql of CREATE_LEDGER_SQL) await this.db.run(sql);
        if (opts.dropTable) await this.db.run(`DROP TABLE IF EXISTS ${qualified(target.namespace, target.table)}`);
        await this.db.run(forgetStreamKeysSql(target.connectionId, target.stream));
        await this.db.run(
          insertLedgerSql({
            connectionId: target.connectionId,
            stream: target.stream,
            runId: opts.resetId,
            attempt: 0,
            state: null,
            rows: 0,
            committedAt: new Date(),
          }),
        );
      });
    });
  }

  async close(): Promise<void> {
    const files = [...this.stages.values()].flatMap((s) => s.batches.map((b) => b.file));
    this.stages.clear();
    await removeBatchFiles(files).catch((e: unknown) => this.ctx.log.warn({ err: e }, "DuckDB destination: could not remove spooled batch files"));
    await this.db.close();
  }
}
