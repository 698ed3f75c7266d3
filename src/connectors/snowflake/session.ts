/**
 * A Snowflake destination session: one snowflake-sdk connection that
 * prepares an attempt's staging (never the target), gzips wire batches into
 * files of a bounded size (file-spool.ts), PUTs each file to its staging
 * table's stage and COPYs it in, commits (commit-stream.ts: the only place
 * the target changes), reads the ledger and its keys, and drops staging
 * left by killed or failed attempts. Every statement carries the run's
 * QUERY_TAG; the query ids are kept for the run page.
 */
import { INSERT_LEDGER_SQL, LAST_LEDGER_SQL } from "@/connectors/snowflake/apply-sql";
import { CREATE_LEDGER_KEYS_SQL, FORGET_KEYS_SQL, SEEN_OBJECTS_SQL } from "@/connectors/snowflake/boundary-sql";
import { commitStagedStream } from "@/connectors/snowflake/commit-stream";
import type { TSnowflake } from "@/connectors/snowflake/config";
import { type SnowflakeConnection, type TSnowflakeResult, connectSnowflake } from "@/connectors/snowflake/connect";
import { FileSpool, type TSpooledFile } from "@/connectors/snowflake/file-spool";
import { LEDGER_KEYS_TABLE, LEDGER_TABLE, WEIR_SCHEMA, fold, qualified, quoteIdent, stagePrefixOf } from "@/connectors/snowflake/identifiers";
import {
  CREATE_LEDGER_SQL,
  TABLES_WITH_PREFIX_SQL,
  copyFileSql,
  createSchemaSql,
  createStageSql,
  dropTableSql,
  putFileSql,
  stampFileSql,
} from "@/connectors/snowflake/load-sql";
import { queryTag } from "@/connectors/snowflake/query-tag";
import { type TResolvedPlan, resolvePlan } from "@/connectors/snowflake/resolve-plan";
import { timestampText } from "@/connectors/snowflake/snowflake-values";
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
import { faultPoint } from "@/lib/fault-point";

/** How long signing in may take before the session fails as unreachable. */
export const SESSION_LOGIN_TIMEOUT_MS = 60_000;

/** One attempt's staging: its spool, the column order of the open file, rows written and loaded. */
type TStaging = { spool: FileSpool; fileColumns: string[] | null; written: number; loaded: number };

/** A cell of a result by column name (PUT and COPY answer with named columns; rows may be arrays or objects). */
function cell(result: TSnowflakeResult, row: unknown, name: string): unknown {
  if (Array.isArray(row)) {
    const i = result.columns.findIndex((c) => c.name.toLowerCase() === name);
    return i < 0 ? undefined : row[i];
  }
  return (row as Record<string, unknown> | undefined)?.[name];
}

class SnowflakeDestinationSession implements TDestinationSession {
  private readonly staging = new Map<string, TStaging>();
  private readonly schemas = new Set<string>();
  private ledgerReady = false;

  constructor(
    private readonly connection: SnowflakeConnection,
    private readonly config: TSnowflake,
    private readonly ctx: TConnectorContext,
  ) {}

  private resolve(plan: TWritePlan): TResolvedPlan {
    return resolvePlan(plan, this.config.schema);
  }

  private exec(plan: Pick<TWritePlan, "stream"> | null, sql: string, doing: string, binds?: (string | number | null)[]) {
    const tag = queryTag(this.config.queryTag, this.ctx.attribution, plan ? { stream: plan.stream } : {});
    return this.connection.exec(sql, doing, { binds, tag });
  }

  private async ensureSchema(plan: Pick<TWritePlan, "stream"> | null, schema: string): Promise<void> {
    if (this.schemas.has(fold(schema))) return;
    const found = await this.exec(plan, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", `looking for schema "${schema}"`, [
      fold(schema),
    ]);
    if (Number(found.rows[0]?.[0] ?? 0) === 0) {
      await this.exec(plan, createSchemaSql(schema), `creating schema "${schema}"`);
      // CREATE SCHEMA makes the new schema the session's current one; statements after it expect the configured schema
      // (the emulator even resolves the ledger's AUTOINCREMENT sequence through it, and failed the ledger insert).
      await this.exec(plan, `USE SCHEMA ${quoteIdent(this.config.schema)}`, `returning to schema "${this.config.schema}"`);
    }
    this.schemas.add(fold(schema));
  }

  /** _WEIR, the ledger and its keys: Weir's own, created when missing (once per session). */
  private async ensureLedger(plan: Pick<TWritePlan, "stream"> | null): Promise<void> {
    if (this.ledgerReady) return;
    await this.ensureSchema(plan, WEIR_SCHEMA);
    for (const sql of [...CREATE_LEDGER_SQL.slice(1), CREATE_LEDGER_KEYS_SQL]) await this.exec(plan, sql, "creating Weir's ledger");
    this.ledgerReady = true;
  }

  private async hasTable(at: Pick<TWritePlan, "stream">, table: string): Promise<boolean> {
    const found = await this.exec(
      at,
      "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
      `looking for Weir's ${table.toLowerCase()}`,
      [WEIR_SCHEMA, table],
    );
    return Number(found.rows[0]?.[0] ?? 0) > 0;
  }

  async prepareStream(plan: TWritePlan): Promise<void> {
    const r = this.resolve(plan);
    await this.ensureLedger(plan);
    await this.exec(plan, createStageSql(r.stage, r.columns.length), `creating the staging table of ${r.label}`);
    const previous = this.staging.get(r.stage);
    await previous?.spool.dispose();
    this.staging.set(r.stage, {
      spool: await FileSpool.create(r.stage.toLowerCase(), this.config.fileMb * 1024 * 1024),
      fileColumns: null,
      written: 0,
      loaded: 0,
    });
  }

  private stagingOf(r: TResolvedPlan): TStaging {
    const staging = this.staging.get(r.stage);
    if (!staging)
      throw new AppError(
        "CONNECTOR_ERROR",
        `Snowflake destination: ${r.label} was not prepared in this session (run ${r.plan.runId}, attempt ${r.plan.attempt}). Nothing was committed.`,
      );
    return staging;
  }

  /** PUT one finished file to the staging table's stage, COPY it in, stamp its rows; the stage keeps no file once loaded. */
  private async load(r: TResolvedPlan, staging: TStaging, file: TSpooledFile, columns: string[]): Promise<void> {
    const plan = r.plan;
    const put = await this.exec(plan, putFileSql(file.path, r.stage), `uploading ${file.name} (${file.rows} rows) for ${r.label}`);
    const status = String(cell(put, put.rows[0], "status") ?? "");
    if (status !== "UPLOADED" && status !== "SKIPPED") {
      throw new AppError(
        "CONNECTOR_ERROR",
        `Snowflake destination: uploading ${file.name} for ${r.label} failed: ${String(cell(put, put.rows[0], "message") ?? status)}. Nothing was committed.`,
      );
    }
    const positions = columns.map((name) => r.columns.findIndex((c) => c.name === name));
    const copy = await this.exec(plan, copyFileSql(r.stage, file.name, positions), `loading ${file.name} into the staging table of ${r.label}`);
    const loaded = copy.rows.reduce<number>((n, row) => n + Number(cell(copy, row, "rows_loaded") ?? 0), 0);
    if (loaded !== file.rows) {
      throw new AppError(
        "CONNECTOR_ERROR",
        `Snowflake destination: ${file.name} of stream "${plan.stream}" holds ${file.rows} rows but COPY INTO loaded ${loaded}; the batch does not follow the wire format. Nothing was committed.`,
      );
    }
    await this.exec(plan, stampFileSql(r.stage), `stamping the rows of ${file.name}`, [file.extractedAt.toISOString(), file.seq]);
    staging.loaded += loaded;
    faultPoint("snowflake.after-file");
  }

  async writeBatch(plan: TWritePlan, batch: TRecordBatch): Promise<void> {
    const r = this.resolve(plan);
    const staging = this.stagingOf(r);
    const seen = new Set<string>();
    for (const name of batch.columns) {
      if (!r.columns.some((c) => c.name === name) || seen.has(name)) {
        throw new AppError(
          "CONNECTOR_ERROR",
          `Snowflake destination: a batch of stream "${plan.stream}" has ${seen.has(name) ? "a repeated column" : "a column the plan does not have"}: "${name}".`,
        );
      }
      seen.add(name);
    }
    if (batch.csv.length === 0) return;
    if (Number.isNaN(batch.extractedAt.getTime()))
      throw new AppError("CONNECTOR_ERROR", `Snowflake destination: a batch of stream "${plan.stream}" has an invalid extractedAt.`);
    // A file holds batches of one column order: COPY maps its fields to staging columns by position.
    if (staging.fileColumns && staging.fileColumns.join("\u0000") !== batch.columns.join("\u0000")) {
      const finished = await staging.spool.finish();
      if (finished) await this.load(r, staging, finished, staging.fileColumns);
    }
    staging.fileColumns = batch.columns;
    staging.written += batch.rows;
    const finished = await staging.spool.write(batch.csv, batch.rows, batch.extractedAt);
    if (finished) await this.load(r, staging, finished, batch.columns);
  }

  async commitStream(plan: TWritePlan, previous: TStreamState | null, extras?: TCommitExtras): Promise<TLedgerEntry> {
    const r = this.resolve(plan);
    const staging = this.stagingOf(r);
    const exec = (sql: string, doing: string, binds?: (string | number | null)[]) => this.exec(plan, sql, doing, binds);
    try {
      try {
        const last = await staging.spool.finish();
        if (last && staging.fileColumns) await this.load(r, staging, last, staging.fileColumns);
        if (staging.loaded !== staging.written) {
          throw new AppError(
            "CONNECTOR_ERROR",
            `Snowflake destination: ${staging.written} rows were written for ${r.label} but ${staging.loaded} reached the staging table. Nothing was committed.`,
          );
        }
      } catch (e) {
        await exec(dropTableSql(WEIR_SCHEMA, r.stage), `dropping the staging table of ${r.label}`).catch(() => undefined);
        throw e;
      }
      return await commitStagedStream({
        exec,
        config: this.config,
        log: this.ctx.log,
        r,
        previous,
        objects: extras?.objects,
        staged: staging.loaded,
        ensureSchema: () => this.ensureSchema(plan, r.schema),
      });
    } finally {
      await staging.spool.dispose();
      this.staging.delete(r.stage);
    }
  }

  async lastCommitted(connectionId: string, stream: string): Promise<TLedgerEntry | null> {
    const at = { stream };
    if (!this.ledgerReady && !(await this.hasTable(at, LEDGER_TABLE))) return null;
    const found = await this.exec(at, LAST_LEDGER_SQL, `reading the ledger for stream "${stream}"`, [connectionId, stream]);
    const row = found.rows[0];
    if (!row) return null;
    const [connection, streamName, runId, attempt, cursor, rows, committedAt] = row;
    return {
      connectionId: String(connection),
      stream: String(streamName),
      runId: String(runId),
      attempt: Number(attempt),
      state: cursor === null || cursor === undefined ? null : { cursor: String(cursor) },
      rows: Number(rows),
      committedAt: new Date(timestampText(committedAt, "timestamp_tz").replace(" ", "T").replace(/\+00$/, "Z")),
    };
  }

  async seenObjects(connectionId: string, stream: string): Promise<string[]> {
    const at = { stream };
    if (!this.ledgerReady && !(await this.hasTable(at, LEDGER_KEYS_TABLE))) return [];
    const found = await this.exec(at, SEEN_OBJECTS_SQL, `reading the objects read for stream "${stream}"`, [connectionId, stream]);
    return found.rows.map((row) => String(row[0]));
  }

  async discardStaging(plan: TWritePlan): Promise<void> {
    const r = this.resolve(plan);
    await this.staging.get(r.stage)?.spool.dispose();
    this.staging.delete(r.stage);
    const prefix = stagePrefixOf(plan.connectionId, plan.stream);
    const found = await this.exec(plan, TABLES_WITH_PREFIX_SQL, `looking for old staging tables of ${r.label}`, [WEIR_SCHEMA, prefix]);
    for (const [name] of found.rows) {
      await this.exec(plan, dropTableSql(WEIR_SCHEMA, String(name)), `dropping an old staging table of ${r.label}`);
      this.ctx.log.info({ table: r.label, staging: name }, "Snowflake destination: dropped the staging table of an earlier attempt");
    }
  }

  async resetStream(target: TResetTarget, opts: { dropTable: boolean; resetId: string }): Promise<void> {
    const r = resolvePlan(
      {
        ...target,
        runId: opts.resetId,
        attempt: 1,
        columns: [{ name: "_", type: { kind: "text" }, nullable: true }],
        mode: "full_refresh_overwrite",
        primaryKey: [],
      },
      this.config.schema,
    );
    await this.ensureLedger(target);
    const doing = `clearing the state of ${r.label}`;
    // The reset entry and the forgotten keys first, in one transaction: a crash before the drop leaves the table and a reset state (the next run reads everything again), never a dropped table with the old cursor.
    await this.exec(target, "BEGIN", doing);
    try {
      await this.exec(target, INSERT_LEDGER_SQL, doing, [target.connectionId, target.stream, opts.resetId, 0, null, 0, new Date().toISOString()]);
      await this.exec(target, FORGET_KEYS_SQL, doing, [target.connectionId, target.stream]);
      await this.exec(target, "COMMIT", doing);
    } catch (e) {
      await this.exec(target, "ROLLBACK", `rolling back ${doing}`).catch(() => undefined);
      throw e;
    }
    if (opts.dropTable) await this.exec(target, `DROP TABLE IF EXISTS ${qualified(r.schema, r.table)}`, `dropping ${r.label}`);
  }

  takeQueryIds(): string[] {
    return this.connection.takeQueryIds();
  }

  async close(): Promise<void> {
    for (const staging of this.staging.values()) await staging.spool.dispose();
    this.staging.clear();
    await this.connection.close();
  }
}

export async function openSession(config: TSnowflake, ctx: TConnectorContext): Promise<TDestinationSession> {
  const tag = queryTag(config.queryTag, ctx.attribution);
  const connection = await connectSnowflake(config, { log: ctx.log, signal: ctx.signal, tag, loginTimeoutMs: SESSION_LOGIN_TIMEOUT_MS });
  return new SnowflakeDestinationSession(connection, config, ctx);
}
