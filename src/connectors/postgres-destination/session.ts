/**
 * A PostgreSQL destination session: one connection that prepares streams,
 * COPYs wire batches into per-attempt staging tables, commits them (see
 * commit-stream.ts), reads the ledger and drops staging left by killed
 * attempts. Every failure becomes an AppError naming the server, the table
 * and what was being done.
 */
import { INSERT_LEDGER_SQL, LAST_LEDGER_SQL } from "@/connectors/postgres-destination/apply-sql";
import { commitStagedStream } from "@/connectors/postgres-destination/commit-stream";
import type { TPostgresDestination } from "@/connectors/postgres-destination/config";
import { type TConnection, connectDestination } from "@/connectors/postgres-destination/connect";
import { copyBuffer } from "@/connectors/postgres-destination/copy-batch";
import { CREATE_LEDGER_SQL, copyIntoStageSql, createStageSql, dropTableSql, setStageExtractedAtSql, stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { LEDGER, STAGE_PREFIX, isStageTableOf, qualified } from "@/connectors/postgres-destination/identifiers";
import { statementError } from "@/connectors/postgres-destination/pg-errors";
import { prepareStream } from "@/connectors/postgres-destination/prepare-stream";
import { type TResolvedPlan, resolvePlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TConnectorContext, TDestinationSession, TLedgerEntry, TRecordBatch, TResetTarget, TStreamState, TWritePlan } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** How long opening a session may take before it fails as unreachable. */
export const SESSION_CONNECT_TIMEOUT_MS = 30_000;

type TLedgerRow = { connection_id: string; stream: string; run_id: string; attempt: number; state_cursor: string | null; rows: string; committed_at: Date };

/** Staging tables (or direct loads' new tables) this session created or loaded: the extraction time their default currently stamps, the rows loaded. */
type TStageState = { extractedAt?: number; rows?: number };

/** The staging column of each batch column, by name; unknown or repeated names are the source's bug. */
function stageColumnsOf(r: TResolvedPlan, batch: TRecordBatch): string[] {
  const seen = new Set<string>();
  return batch.columns.map((name) => {
    const index = r.columns.findIndex((c) => c.name === name);
    if (index < 0 || seen.has(name)) {
      throw new AppError("CONNECTOR_ERROR", `PostgreSQL destination: a batch of stream "${r.plan.stream}" has ${index < 0 ? "a column the plan does not have" : "a repeated column"}: "${name}".`);
    }
    seen.add(name);
    return stageColumn(index);
  });
}

/** The target column of each batch column (a direct load COPYs by name), checked as stageColumnsOf checks them. */
function directColumnsOf(r: TResolvedPlan, batch: TRecordBatch): string[] {
  stageColumnsOf(r, batch);
  return batch.columns;
}

/**
 * A COPY error with where it happened in the batch (line and column, not the
 * line's content, which may be anything, secrets included). `columnName`
 * maps the server's column name to the source's.
 */
function copyErrorWithLine(e: unknown, columnName: (name: string) => string = (name) => name): unknown {
  if (!(e instanceof Error)) return e;
  const where = /line (\d+)(?:, column ([^:]+))?/.exec((e as { where?: string }).where ?? "");
  const at = where ? ` (line ${where[1]}${where[2] ? `, column "${columnName(where[2])}"` : ""} of the batch)` : "";
  return Object.assign(new Error(`${e.message}${at}. Nothing was committed`), { code: (e as { code?: string }).code });
}

/** COPY errors name staging columns (c1…): say the source column instead, and where in the batch. */
function copyErrorInSourceTerms(e: unknown, r: TResolvedPlan): unknown {
  const sourceName = (name: string) => r.columns[Number(/^c(\d+)$/.exec(name)?.[1]) - 1]?.name ?? name;
  if (!(e instanceof Error)) return e;
  const renamed = Object.assign(new Error(e.message.replace(/column "(c\d+)"/g, (_, name: string) => `column "${sourceName(name)}"`)), e);
  return copyErrorWithLine(renamed, sourceName);
}

class PostgresDestinationSession implements TDestinationSession {
  private readonly stages = new Map<string, TStageState>();

  constructor(
    private readonly connection: TConnection,
    private readonly config: TPostgresDestination,
    private readonly ctx: TConnectorContext,
  ) {}

  private get client() {
    return this.connection.client;
  }

  private resolve(plan: TWritePlan): TResolvedPlan {
    return resolvePlan(plan, this.config.defaultSchema);
  }

  /**
   * Runs `work`, turning driver errors into AppErrors that say what was being
   * done. When the connection broke while idle, the error that broke it (e.g.
   * "terminating connection due to administrator command") says more than
   * node-postgres's "not queryable".
   */
  private async run<T>(doing: string, work: () => Promise<T>, rewrite: (e: unknown) => unknown = (e) => e): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (this.ctx.signal.aborted) throw e; // cancelled: the caller knows why
      throw statementError(rewrite(this.connection.brokenBy() ?? e), this.config, doing);
    }
  }

  async prepareStream(plan: TWritePlan): Promise<void> {
    const r = this.resolve(plan);
    await this.run(`preparing ${r.label}`, () => prepareStream(this.client, r));
    this.stages.set(`${r.schema}\u0000${r.stage}`, {});
  }

  async writeBatch(plan: TWritePlan, batch: TRecordBatch): Promise<void> {
    const r = this.resolve(plan);
    const columns = r.directLoad ? directColumnsOf(r, batch) : stageColumnsOf(r, batch);
    if (batch.csv.length === 0) return;
    const at = batch.extractedAt.getTime();
    if (Number.isNaN(at)) throw new AppError("CONNECTOR_ERROR", `PostgreSQL destination: a batch of stream "${plan.stream}" has an invalid extractedAt.`);
    // A direct load COPYs into the new table prepareStream created; otherwise into the attempt's staging table.
    const into = r.directLoad ? r.overwriteCopy : r.stage;
    const key = `${r.schema}\u0000${into}`;
    const stage = this.stages.get(key) ?? {};
    const doing = `loading a batch of ${batch.rows} rows into the ${r.directLoad ? "new table" : "staging table"} of ${r.label}`;
    const loaded = await this.run(
      doing,
      async () => {
        if (!this.stages.has(key) && !r.directLoad) await this.client.query(createStageSql(r.schema, r.stage, r.columns.length));
        this.stages.set(key, stage);
        if (stage.extractedAt !== at) {
          await this.client.query(setStageExtractedAtSql(r.schema, into, batch.extractedAt));
          stage.extractedAt = at;
        }
        return copyBuffer(this.client, copyIntoStageSql(r.schema, into, columns), batch.csv, this.ctx.signal);
      },
      (e) => (r.directLoad ? copyErrorWithLine(e) : copyErrorInSourceTerms(e, r)),
    );
    if (loaded !== batch.rows) {
      // The source and PostgreSQL read the CSV differently: committing would lose or invent rows.
      throw new AppError(
        "CONNECTOR_ERROR",
        `PostgreSQL destination: a batch of stream "${plan.stream}" declares ${batch.rows} rows but PostgreSQL's CSV reader found ${loaded}; the batch does not follow the wire format. Nothing was committed.`,
      );
    }
    stage.rows = (stage.rows ?? 0) + loaded;
  }

  async commitStream(plan: TWritePlan, previous: TStreamState | null): Promise<TLedgerEntry> {
    const r = this.resolve(plan);
    const key = `${r.schema}\u0000${r.directLoad ? r.overwriteCopy : r.stage}`;
    const entry = await commitStagedStream(this.connection, r, previous, this.config, this.stages.get(key)?.rows ?? 0);
    this.stages.delete(key);
    return entry;
  }

  async lastCommitted(connectionId: string, stream: string): Promise<TLedgerEntry | null> {
    return this.run(`reading the ledger for stream "${stream}"`, async () => {
      const exists = await this.client.query("SELECT to_regclass($1) IS NOT NULL AS exists", [LEDGER]);
      if (!exists.rows[0]?.exists) return null;
      const row = (await this.client.query<TLedgerRow>(LAST_LEDGER_SQL, [connectionId, stream])).rows[0];
      if (!row) return null;
      return {
        connectionId: row.connection_id,
        stream: row.stream,
        runId: row.run_id,
        attempt: row.attempt,
        state: row.state_cursor === null ? null : { cursor: row.state_cursor },
        rows: Number(row.rows),
        committedAt: row.committed_at,
      };
    });
  }

  async discardStaging(plan: TWritePlan): Promise<void> {
    const r = this.resolve(plan);
    await this.run(`dropping old staging tables of ${r.label}`, async () => {
      const found = await this.client.query<{ relname: string }>(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND (starts_with(c.relname, $2) OR c.relname = $3)",
        [r.schema, STAGE_PREFIX, r.overwriteCopy],
      );
      for (const { relname } of found.rows) {
        if (!isStageTableOf(relname, r.table) && relname !== r.overwriteCopy) continue;
        await this.client.query(dropTableSql(r.schema, relname));
        this.stages.delete(`${r.schema}\u0000${relname}`);
        this.ctx.log.info({ table: r.label, staging: relname }, "PostgreSQL destination: dropped the staging table of an earlier attempt");
      }
    });
  }

  async resetStream(target: TResetTarget, opts: { dropTable: boolean; resetId: string }): Promise<void> {
    const r = resolvePlan({ ...target, runId: opts.resetId, attempt: 0, columns: [], mode: "full_refresh_overwrite", primaryKey: [] }, this.config.defaultSchema);
    await this.run(`clearing the state of ${r.label}`, async () => {
      await this.client.query("BEGIN");
      try {
        for (const sql of CREATE_LEDGER_SQL) await this.client.query(sql);
        if (opts.dropTable) await this.client.query(`DROP TABLE IF EXISTS ${qualified(r.schema, r.table)}`);
        await this.client.query(INSERT_LEDGER_SQL, [target.connectionId, target.stream, opts.resetId, 0, null, 0]);
        await this.client.query("COMMIT");
      } catch (e) {
        await this.client.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.client.end().catch((e: unknown) => this.ctx.log.debug({ err: e }, "PostgreSQL destination: closing a broken connection"));
  }
}

export async function openSession(config: TPostgresDestination, ctx: TConnectorContext): Promise<TDestinationSession> {
  const connection = await connectDestination(config, { log: ctx.log, signal: ctx.signal, connectTimeoutMs: SESSION_CONNECT_TIMEOUT_MS });
  return new PostgresDestinationSession(connection, config, ctx);
}
