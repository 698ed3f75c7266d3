/**
 * Snowflake as a warehouse (the Snowflake destination's `warehouse`
 * capability): models built and checks run in Snowflake. Node
 * only sends SQL, the warehouse does the work. Snowflake commits before
 * every DDL statement, so a build is ordered to leave the previous relation
 * in place until the new one is complete (see connectors/warehouse-types.ts
 * for what each materialization means):
 * - view: CREATE OR REPLACE VIEW; a table of that name is only dropped once
 *   the view's SQL has compiled (as a temporary view name);
 * - table: CREATE TABLE … AS under a temporary name, then one atomic
 *   ALTER TABLE … SWAP WITH (or a rename when there is nothing to swap);
 * - incremental: the new rows into a temporary table, then MERGE on the
 *   unique key (null-safe, as DuckDB and PostgreSQL match keys), or INSERT
 *   without one.
 * Every statement carries the run's QUERY_TAG; the query ids are kept for
 * the model run.
 */
import { type TSnowflake, type TSnowflakeConfig, parseSnowflakeConfig } from "@/connectors/snowflake/config";
import { type SnowflakeConnection, connectSnowflake } from "@/connectors/snowflake/connect";
import { fold, qualified, quoteIdent, sqlString, unfold } from "@/connectors/snowflake/identifiers";
import { queryTag } from "@/connectors/snowflake/query-tag";
import { rowObjects } from "@/connectors/snowflake/snowflake-values";
import type { TRunAttribution, TWarehouseCapability } from "@/connectors/types";
import { buildingName, modelSqlError } from "@/connectors/warehouse-build";
import type { TBuildRequest, TBuildResult, TDialect, TWarehouse } from "@/connectors/warehouse-types";
import { type AppError, isAppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

const LOGIN_TIMEOUT_MS = 60_000;
/** The statements put the model's SQL on their second line. */
const PREFIX_LINES = 1;
const DELTA = "_WEIR_DELTA";

type TRelationKind = "table" | "view" | null;

export const SNOWFLAKE_DIALECT: TDialect = {
  quote: quoteIdent,
  // REGEXP_LIKE and RLIKE match the whole string; "contains a match" is REGEXP_INSTR.
  regexMatches: (expr, pattern) => `(REGEXP_INSTR(${expr}, ${pattern}) > 0)`,
  secondsSince: (expr) => `DATEDIFF('second', CAST(${expr} AS TIMESTAMP_TZ), CURRENT_TIMESTAMP())`,
  literal: sqlString,
};

/** The line in the model's SQL of a compilation error: Snowflake says "line N at position M"; the emulator "Line N, Col: M". */
function errorLine(message: string): number | null {
  const at = /\bline (\d+) at position/i.exec(message) ?? /\bLine (\d+), Col/.exec(message);
  return at ? Math.max(1, Number(at[1]) - PREFIX_LINES) : null;
}

class SnowflakeWarehouse implements TWarehouse {
  readonly dialect = SNOWFLAKE_DIALECT;

  constructor(private readonly connection: SnowflakeConnection) {}

  relation(schema: string, name: string): string {
    return qualified(schema, name);
  }

  private exec(sql: string, doing: string, binds?: (string | number | null)[]) {
    return this.connection.exec(sql, doing, { binds });
  }

  private async kindOf(schema: string, name: string): Promise<TRelationKind> {
    const found = await this.exec(
      "SELECT 'view' FROM information_schema.views WHERE table_schema = ? AND table_name = ? UNION ALL SELECT 'table' FROM information_schema.tables WHERE table_schema = ? AND table_name = ? AND table_type = 'BASE TABLE'",
      `looking up ${schema}.${name}`,
      [fold(schema), fold(name), fold(schema), fold(name)],
    );
    const kind = found.rows[0]?.[0];
    return kind === "view" ? "view" : kind === "table" ? "table" : null;
  }

  /** Runs a statement holding the model's SQL; a SQL or data error becomes the model's, with its line. */
  private async runModelSql(model: string, statement: string): Promise<{ rows: unknown[][]; columns: { name: string }[] }> {
    try {
      return await this.exec(statement, `building model "${model}"`);
    } catch (e) {
      const state = String((e as AppError).details?.sqlState ?? "");
      if (!isAppError(e) || !(state.startsWith("42") || state.startsWith("22") || state.startsWith("23") || e.code === "BAD_INPUT")) throw e;
      const said = e.message.replace(/^Snowflake destination [^,]+, building model "[^"]*": /, "");
      throw modelSqlError(model, errorLine(said), said.replace(/^\d{6} \(\w+\): /, ""));
    }
  }

  private async rowCount(relation: string): Promise<number> {
    const counted = await this.exec(`SELECT COUNT(*) FROM ${relation}`, "counting the built rows");
    return Number(counted.rows[0]?.[0] ?? 0);
  }

  async build(request: TBuildRequest): Promise<TBuildResult> {
    const { schema, name, model } = request;
    const target = qualified(schema, name);
    await this.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`, `creating schema "${schema}"`);
    const existing = await this.kindOf(schema, name);
    const building = qualified(schema, buildingName(name));

    if (request.materialization === "view") {
      const sql = request.render(false);
      if (existing !== "table") {
        await this.runModelSql(model, `CREATE OR REPLACE VIEW ${target} AS\n${sql}`);
      } else {
        await this.runModelSql(model, `CREATE OR REPLACE VIEW ${building} AS\n${sql}`);
        await this.exec(`DROP TABLE ${target}`, `replacing table ${schema}.${name} with a view`);
        await this.exec(`ALTER VIEW ${building} RENAME TO ${target}`, `replacing table ${schema}.${name} with a view`);
      }
      return { rows: null, incremental: false, sql };
    }

    if (request.materialization === "incremental" && existing === "table") {
      const sql = request.render(true);
      await this.runModelSql(model, `CREATE OR REPLACE TEMPORARY TABLE ${quoteIdent(DELTA)} AS\n${sql}`);
      try {
        const columns = (await this.exec(`SELECT * FROM ${quoteIdent(DELTA)} LIMIT 0`, "reading the new rows' columns")).columns.map(
          (c) => `"${c.name.replaceAll('"', '""')}"`,
        );
        const list = columns.join(", ");
        let statement = `INSERT INTO ${target} (${list}) SELECT ${list} FROM ${quoteIdent(DELTA)}`;
        if (request.uniqueKey.length) {
          const on = request.uniqueKey.map((k) => `t.${quoteIdent(k)} IS NOT DISTINCT FROM d.${quoteIdent(k)}`).join(" AND ");
          const keys = new Set(request.uniqueKey.map((k) => quoteIdent(k)));
          const sets = columns.filter((c) => !keys.has(c)).map((c) => `${c} = d.${c}`);
          statement =
            `MERGE INTO ${target} AS t USING ${quoteIdent(DELTA)} AS d ON ${on}` +
            (sets.length ? ` WHEN MATCHED THEN UPDATE SET ${sets.join(", ")}` : "") +
            ` WHEN NOT MATCHED THEN INSERT (${list}) VALUES (${columns.map((c) => `d.${c}`).join(", ")})`;
        }
        const result = await this.runModelSql(model, statement);
        const row = result.rows[0] ?? [];
        const rows = result.columns.reduce((n, c, i) => (/number of rows (inserted|updated)/i.test(c.name) ? n + Number(row[i] ?? 0) : n), 0);
        return { rows, incremental: true, sql };
      } finally {
        await this.exec(`DROP TABLE IF EXISTS ${quoteIdent(DELTA)}`, "dropping the new rows").catch(() => undefined);
      }
    }

    const sql = request.render(false);
    await this.runModelSql(model, `CREATE OR REPLACE TABLE ${building} AS\n${sql}`);
    const rows = await this.rowCount(building);
    if (existing === "table") {
      await this.exec(`ALTER TABLE ${building} SWAP WITH ${target}`, `swapping the new ${schema}.${name} in`);
      await this.exec(`DROP TABLE ${building}`, `dropping the previous ${schema}.${name}`);
    } else {
      if (existing === "view") await this.exec(`DROP VIEW ${target}`, `replacing view ${schema}.${name} with a table`);
      await this.exec(`ALTER TABLE ${building} RENAME TO ${target}`, `renaming the new ${schema}.${name}`);
    }
    return { rows, incremental: false, sql };
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const result = await this.exec(sql, "running a query");
    return rowObjects(result.rows, result.columns, unfold);
  }

  takeQueryIds(): string[] {
    return this.connection.takeQueryIds();
  }

  weirName(stored: string): string {
    return unfold(stored);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export async function openSnowflakeWarehouse(
  config: TSnowflake,
  opts: { log: Logger; signal?: AbortSignal; attribution?: TRunAttribution },
): Promise<TWarehouse> {
  const tag = queryTag(config.queryTag, opts.attribution);
  return new SnowflakeWarehouse(await connectSnowflake(config, { log: opts.log, signal: opts.signal, tag, loginTimeoutMs: LOGIN_TIMEOUT_MS }));
}

export const snowflakeWarehouse: TWarehouseCapability<TSnowflakeConfig> = {
  open: (config, ctx) => openSnowflakeWarehouse(parseSnowflakeConfig(config), ctx),
  relation: qualified,
  dialect: SNOWFLAKE_DIALECT,
};
