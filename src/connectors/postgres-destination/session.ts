/**
 * A PostgreSQL destination session: one connection that prepares streams'
 * staging, COPYs wire batches into it, commits them (see commit-stream.ts),
 * reads the ledger and the objects read, resets streams and drops staging
 * left by killed or failed attempts. Every failure becomes an AppError
 * naming the server, the table and what was being done.
 */
import { commitStagedStream } from "@/connectors/postgres-destination/commit-stream";
import { type TPostgresDestination, describeTarget } from "@/connectors/postgres-destination/config";
import { type TConnection, connectDestination } from "@/connectors/postgres-destination/connect";
import { copyBuffer } from "@/connectors/postgres-destination/copy-batch";
import { copyFailure } from "@/connectors/postgres-destination/copy-errors";
import { copyIntoStageSql, dropTableSql, setStageExtractedAtSql, stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { LEDGER, LEDGER_SCHEMA, OBJECTS, STAGE_PREFIX, isStageTableOf, parkedTableKey, qualified } from "@/connectors/postgres-destination/identifiers";
import { FORGET_STREAM_SQL, INSERT_LEDGER_SQL, LAST_LEDGER_SQL, SEEN_OBJECTS_SQL, bookkeepingDdl } from "@/connectors/postgres-destination/ledger-sql";
import { statementError } from "@/connectors/postgres-destination/pg-errors";
import { prepareStream } from "@/connectors/postgres-destination/prepare-stream";
import { type TResolvedPlan, parkArtifacts, resolvePlan, resolveTarget } from "@/connectors/postgres-destination/resolve-plan";
import { runCatalogDdl } from "@/connectors/postgres-destination/target-catalog";
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
import { AppError } from "@/lib/app-error";

/** How long opening a session may take before it fails as unreachable. */
export const SESSION_CONNECT_TIMEOUT_MS = 30_000;

type TLedgerRow = { connection_id: string; stream: string; run_id: string; attempt: number; state_cursor: string | null; rows: string; committed_at: Date };

/** An attempt this session prepared: where its artifacts are, the extraction time their default stamps, the rows loaded. */
type TAttempt = { placed: TResolvedPlan; extractedAt?: number; rows: number };

/** The column each batch column goes to, by name; unknown or repeated names are the source's bug. */
function batchColumnsOf(r: TResolvedPlan, batch: TRecordBatch): string[] {
  const seen = new Set<string>();
  return batch.columns.map((name) => {
    const index = r.columns.findIndex((c) => c.name === name);
    if (index < 0 || seen.has(name)) {
      throw new AppError(
        "CONNECTOR_ERROR",
        `PostgreSQL destination: a batch of stream "${r.plan.stream}" has ${index < 0 ? "a column the plan does not have" : "a repeated column"}: "${name}".`,
      );
    }
    seen.add(name);
    // A direct load COPYs into the typed table by name; staging columns are positional.
    return r.directLoad ? name : stageColumn(index);
  });
}

const attemptKey = (r: TResolvedPlan) => `${r.schema}\u0000${r.stage}`;

class PostgresDestinationSession implements TDestinationSession {
  private readonly attempts = new Map<string, TAttempt>();

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
    const placed = await this.run(`preparing the staging of ${r.label}`, () => prepareStream(this.client, r));
    this.attempts.set(attemptKey(r), { placed, rows: 0 });
  }

  async writeBatch(plan: TWritePlan, batch: TRecordBatch): Promise<void> {
    const r = this.resolve(plan);
    const columns = batchColumnsOf(r, batch);
    if (batch.csv.length === 0) return;
    const at = batch.extractedAt.getTime();
    if (Number.isNaN(at)) throw new AppError("CONNECTOR_ERROR", `PostgreSQL destination: a batch of stream "${plan.stream}" has an invalid extractedAt.`);
    if (!this.attempts.has(attemptKey(r))) await this.prepareStream(plan);
    const attempt = this.attempts.get(attemptKey(r))!;
    const { placed } = attempt;
    // A direct load COPYs into the new table prepareStream created; otherwise into the attempt's staging table.
    const [schema, into] = placed.directLoad ? [placed.copySchema, placed.overwriteCopy] : [placed.stageSchema, placed.stage];
    const doing = `loading a batch of ${batch.rows} rows into the ${placed.directLoad ? "new table" : "staging table"} of ${r.label}`;
    const loaded = await this.run(
      doing,
      async () => {
        if (attempt.extractedAt !== at) {
          await this.client.query(setStageExtractedAtSql(schema, into, batch.extractedAt));
          attempt.extractedAt = at;
        }
        return copyBuffer(this.client, copyIntoStageSql(schema, into, columns), batch.csv, this.ctx.signal);
      },
      (e) => copyFailure(e, placed, batch, `PostgreSQL destination ${describeTarget(this.config)}`),
    );
    if (loaded !== batch.rows) {
      // The source and PostgreSQL read the CSV differently: committing would lose or invent rows.
      throw new AppError(
        "CONNECTOR_ERROR",
        `PostgreSQL destination: a batch of stream "${plan.stream}" declares ${batch.rows} rows but PostgreSQL's CSV reader found ${loaded}; the batch does not follow the wire format. Nothing was committed.`,
      );
    }
    attempt.rows += loaded;
  }

  /** Where an attempt this session did not prepare keeps its artifacts: beside the target, else parked in `_weir`. */
  private async locate(r: TResolvedPlan): Promise<TResolvedPlan> {
    const schemaExists = await this.client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [r.schema]);
    return schemaExists.rowCount ? r : parkArtifacts(r);
  }

  async commitStream(plan: TWritePlan, previous: TStreamState | null, extras?: TCommitExtras): Promise<TLedgerEntry> {
    const r = this.resolve(plan);
    const attempt = this.attempts.get(attemptKey(r));
    try {
      const placed = attempt?.placed ?? (await this.run(`looking up the staging of ${r.label}`, () => this.locate(r)));
      return await commitStagedStream(this.connection, placed, previous, extras, this.config, attempt?.rows ?? 0);
    } finally {
      this.attempts.delete(attemptKey(r));
    }
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

  async seenObjects(connectionId: string, stream: string): Promise<string[]> {
    return this.run(`reading the objects read by stream "${stream}"`, async () => {
      const exists = await this.client.query("SELECT to_regclass($1) IS NOT NULL AS exists", [OBJECTS]);
      if (!exists.rows[0]?.exists) return [];
      return (await this.client.query<{ object_key: string }>(SEEN_OBJECTS_SQL, [connectionId, stream])).rows.map((row) => row.object_key);
    });
  }

  async discardStaging(plan: TWritePlan): Promise<void> {
    const r = this.resolve(plan);
    // Where a parked attempt's new table would be, whatever this plan's mode: an earlier attempt may have been a direct load.
    const parked = parkArtifacts({ ...r, directLoad: true });
    const places = [
      { schema: r.schema, key: r.table, copy: r.overwriteCopy },
      { schema: LEDGER_SCHEMA, key: parkedTableKey(r.schema, r.table), copy: parked.overwriteCopy },
    ];
    await this.run(`dropping old staging tables of ${r.label}`, async () => {
      for (const place of places) {
        const found = await this.client.query<{ relname: string }>(
          "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND (starts_with(c.relname, $2) OR c.relname = $3)",
          [place.schema, STAGE_PREFIX, place.copy],
        );
        for (const { relname } of found.rows) {
          if (!isStageTableOf(relname, place.key) && relname !== place.copy) continue;
          await this.client.query(dropTableSql(place.schema, relname));
          this.ctx.log.info({ table: r.label, staging: relname }, "PostgreSQL destination: dropped the staging of an earlier attempt");
        }
      }
      this.attempts.delete(attemptKey(r));
    });
  }

  async resetStream(target: TResetTarget, opts: { dropTable: boolean; resetId: string }): Promise<void> {
    const t = resolveTarget(target, this.config.defaultSchema);
    await this.run(`clearing the state of ${t.label}`, async () => {
      await this.client.query("BEGIN");
      try {
        await runCatalogDdl(this.client, t, (catalog) => bookkeepingDdl(catalog.bookkeeping, catalog.weirSchemaExists));
        if (opts.dropTable) await this.client.query(`DROP TABLE IF EXISTS ${qualified(t.schema, t.table)}`);
        await this.client.query(INSERT_LEDGER_SQL, [target.connectionId, target.stream, opts.resetId, 0, null, 0]);
        for (const sql of FORGET_STREAM_SQL) await this.client.query(sql, [target.connectionId, target.stream]);
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
