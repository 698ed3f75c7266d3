/**
 * PostgreSQL as a warehouse (the PostgreSQL destination's `warehouse`
 * capability): models built in the destination's database over one
 * connection, each build one transaction (PostgreSQL's DDL is
 * transactional, so a failed build changes nothing). See
 * connectors/warehouse-types.ts for what each materialization does.
 */
import type pg from "pg";

import { type TPostgresDestination, type TPostgresDestinationConfig, parsePostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { type TConnection, connectDestination } from "@/connectors/postgres-destination/connect";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { statementError } from "@/connectors/postgres-destination/pg-errors";
import type { TWarehouseCapability } from "@/connectors/types";
import { buildingName, lineAt, modelSqlError } from "@/connectors/warehouse-build";
import type { TBuildRequest, TBuildResult, TDialect, TWarehouse } from "@/connectors/warehouse-types";
import { isAppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

const DELTA = "_weir_delta";
const CONNECT_TIMEOUT_MS = 30_000;

type TRelationKind = "table" | "view" | null;

/** SQLSTATE classes that are the model's SQL or data, not the connection: syntax, undefined objects, data exceptions, constraint violations. */
const MODEL_ERROR_CLASSES = ["42", "22", "23", "21"];

export const POSTGRES_DIALECT: TDialect = {
  quote: quoteIdent,
  regexMatches: (expr, pattern) => `(${expr} ~ ${pattern})`,
  secondsSince: (expr) => `extract(epoch from (now() - CAST(${expr} AS timestamptz)))`,
  literal: (text) => `'${text.replaceAll("'", "''")}'`,
};

class PostgresWarehouse implements TWarehouse {
  readonly dialect = POSTGRES_DIALECT;

  constructor(
    private readonly connection: TConnection,
    private readonly config: TPostgresDestination,
  ) {}

  private get client(): pg.Client {
    return this.connection.client;
  }

  relation(schema: string, name: string): string {
    return qualified(schema, name);
  }

  private async kindOf(schema: string, name: string): Promise<TRelationKind> {
    const found = await this.client.query<{ relkind: string }>(
      "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
      [schema, name],
    );
    const kind = found.rows[0]?.relkind;
    return kind === undefined ? null : kind === "v" || kind === "m" ? "view" : "table";
  }

  /** Runs `prefix\n<model SQL>`; a SQL error becomes the model's, with the line in the model's SQL. */
  private async runModelSql(model: string, prefix: string, sql: string): Promise<pg.QueryResult> {
    const statement = `${prefix}\n${sql}`;
    try {
      return await this.client.query(statement);
    } catch (e) {
      const error = e as { code?: string; position?: string; message?: string };
      if (!MODEL_ERROR_CLASSES.some((c) => error.code?.startsWith(c))) throw e;
      const line = error.position ? Math.max(1, lineAt(statement, Number(error.position)) - 1) : null;
      throw modelSqlError(model, line, error.message ?? String(e));
    }
  }

  async build(request: TBuildRequest): Promise<TBuildResult> {
    const { schema, name, model } = request;
    const target = qualified(schema, name);
    try {
      await this.client.query("BEGIN");
      await this.client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      const existing = await this.kindOf(schema, name);
      const drop = existing === "view" ? `DROP VIEW ${target}` : existing === "table" ? `DROP TABLE ${target}` : null;
      let result: TBuildResult;
      if (request.materialization === "view") {
        const sql = request.render(false);
        if (drop) await this.client.query(drop); // CREATE OR REPLACE VIEW cannot drop or retype columns
        await this.runModelSql(model, `CREATE VIEW ${target} AS`, sql);
        result = { rows: null, incremental: false, sql };
      } else if (request.materialization === "incremental" && existing === "table") {
        const sql = request.render(true);
        await this.runModelSql(model, `CREATE TEMP TABLE ${quoteIdent(DELTA)} ON COMMIT DROP AS`, sql);
        const columns = (await this.client.query(`SELECT * FROM ${quoteIdent(DELTA)} LIMIT 0`)).fields.map((f) => quoteIdent(f.name)).join(", ");
        if (request.uniqueKey.length) {
          const match = request.uniqueKey.map((k) => `t.${quoteIdent(k)} IS NOT DISTINCT FROM d.${quoteIdent(k)}`).join(" AND ");
          await this.runModelSql(model, `DELETE FROM ${target} AS t USING ${quoteIdent(DELTA)} AS d WHERE`, match);
        }
        const inserted = await this.runModelSql(model, `INSERT INTO ${target} (${columns})`, `SELECT ${columns} FROM ${quoteIdent(DELTA)}`);
        result = { rows: inserted.rowCount ?? 0, incremental: true, sql };
      } else {
        const sql = request.render(false);
        const building = qualified(schema, buildingName(name));
        await this.client.query(`DROP TABLE IF EXISTS ${building}`);
        const created = await this.runModelSql(model, `CREATE TABLE ${building} AS`, sql);
        if (drop) await this.client.query(drop);
        await this.client.query(`ALTER TABLE ${building} RENAME TO ${quoteIdent(name)}`);
        result = { rows: created.rowCount ?? 0, incremental: false, sql };
      }
      await this.client.query("COMMIT");
      return result;
    } catch (e) {
      await this.client.query("ROLLBACK").catch(() => undefined);
      if (isAppError(e)) throw e;
      throw statementError(this.connection.brokenBy() ?? e, this.config, `building model "${model}"`, "Nothing was changed.");
    }
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    try {
      return (await this.client.query(sql)).rows as Record<string, unknown>[];
    } catch (e) {
      throw statementError(this.connection.brokenBy() ?? e, this.config, "running a query");
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

export async function openPostgresWarehouse(config: TPostgresDestination, opts: { log: Logger; signal?: AbortSignal }): Promise<TWarehouse> {
  const connection = await connectDestination(config, { ...opts, connectTimeoutMs: CONNECT_TIMEOUT_MS, applicationName: "weir-transform" });
  return new PostgresWarehouse(connection, config);
}

export const postgresWarehouse: TWarehouseCapability<TPostgresDestinationConfig> = {
  open: (config, ctx) => openPostgresWarehouse(parsePostgresDestinationConfig(config), ctx),
  relation: qualified,
  dialect: POSTGRES_DIALECT,
};
