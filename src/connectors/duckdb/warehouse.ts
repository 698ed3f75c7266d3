/**
 * DuckDB as a warehouse (the destination's `warehouse` capability): models
 * built in the DuckDB file, the embedded warehouse, through one connection of
 * the process's shared instance for the file (open-database.ts), each build
 * one transaction. See connectors/warehouse-types.ts for what each
 * materialization does.
 */
import { type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { duckDbMessage } from "@/connectors/duckdb/duckdb-errors";
import { type TDuckDbHandle, openDatabase } from "@/connectors/duckdb/open-database";
import { ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import type { TWarehouseCapability } from "@/connectors/types";
import { buildingName, modelSqlError } from "@/connectors/warehouse-build";
import type { TBuildRequest, TBuildResult, TDialect, TWarehouse } from "@/connectors/warehouse-types";
import { isAppError } from "@/lib/app-error";

/** The statements put the model's SQL on their second line. */
const PREFIX_LINES = 1;
const DELTA = "_weir_delta";

type TRelationKind = "table" | "view" | null;

export const DUCKDB_DIALECT: TDialect = {
  quote: ident,
  regexMatches: (expr, pattern) => `regexp_matches(${expr}, ${pattern})`,
  secondsSince: (expr) => `(epoch(now()) - epoch(CAST(${expr} AS TIMESTAMPTZ)))`,
  literal: sqlString,
};

class DuckDbWarehouse implements TWarehouse {
  readonly dialect = DUCKDB_DIALECT;

  constructor(private readonly db: TDuckDbHandle) {}

  relation(schema: string, name: string): string {
    return qualified(schema, name);
  }

  private async kindOf(schema: string, name: string): Promise<TRelationKind> {
    const [row] = await this.db.rows(
      `SELECT table_type FROM information_schema.tables WHERE table_schema = ${sqlString(schema)} AND table_name = ${sqlString(name)}`,
    );
    if (!row) return null;
    return row[0] === "VIEW" ? "view" : "table";
  }

  /** Runs a statement holding the model's SQL; a failure becomes the model's error, with the line in the model's SQL. */
  private async runModelSql(model: string, statement: string): Promise<number> {
    try {
      return await this.db.run(statement);
    } catch (e) {
      if (isAppError(e)) throw e;
      // DuckDB's message: what went wrong, a blank line, then "LINE n: <the line>" and a caret.
      const raw = e instanceof Error ? e.message : String(e);
      const at = /^LINE (\d+):/m.exec(raw);
      const line = at ? Math.max(1, Number(at[1]) - PREFIX_LINES) : null;
      const message =
        raw
          .split(/\n\s*\n/)[0]!
          .replace(/\s*\n\s*/g, " ")
          .trim() || duckDbMessage(e);
      throw modelSqlError(model, line, message);
    }
  }

  private dropSql(kind: TRelationKind, target: string): string | null {
    return kind === "view" ? `DROP VIEW ${target}` : kind === "table" ? `DROP TABLE ${target}` : null;
  }

  async build(request: TBuildRequest): Promise<TBuildResult> {
    // One build at a time per file in this process: DuckDB runs each statement on all cores anyway, and two
    // transactions changing its catalog at once (CREATE SCHEMA, CREATE/ALTER TABLE) fail with a write-write conflict.
    return this.db.load({ preserveInsertionOrder: true }, () => this.buildAlone(request));
  }

  private async buildAlone(request: TBuildRequest): Promise<TBuildResult> {
    const { schema, name, model } = request;
    const target = qualified(schema, name);
    await this.db.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    const existing = await this.kindOf(schema, name);
    return this.db.transaction(async () => {
      if (request.materialization === "view") {
        const sql = request.render(false);
        const drop = existing === "table" ? this.dropSql(existing, target) : null;
        if (drop) await this.db.run(drop);
        await this.runModelSql(model, `CREATE OR REPLACE VIEW ${target} AS\n${sql}`);
        return { rows: null, incremental: false, sql };
      }
      if (request.materialization === "incremental" && existing === "table") {
        const sql = request.render(true);
        await this.runModelSql(model, `CREATE OR REPLACE TEMP TABLE ${ident(DELTA)} AS\n${sql}`);
        const delta = `temp.main.${ident(DELTA)}`;
        if (request.uniqueKey.length) {
          const match = request.uniqueKey.map((k) => `t.${ident(k)} IS NOT DISTINCT FROM d.${ident(k)}`).join(" AND ");
          await this.runModelSql(model, `DELETE FROM ${target} AS t USING ${delta} AS d WHERE ${match}`);
        }
        const rows = await this.runModelSql(model, `INSERT INTO ${target} BY NAME SELECT * FROM ${delta}`);
        await this.db.run(`DROP TABLE ${delta}`);
        return { rows, incremental: true, sql };
      }
      const sql = request.render(false);
      const building = qualified(schema, buildingName(name));
      await this.db.run(`DROP TABLE IF EXISTS ${building}`);
      await this.runModelSql(model, `CREATE TABLE ${building} AS\n${sql}`);
      const [counted] = await this.db.rows(`SELECT count(*) FROM ${building}`);
      const rows = Number(counted?.[0] ?? 0);
      const drop = this.dropSql(existing, target);
      if (drop) await this.db.run(drop);
      await this.db.run(`ALTER TABLE ${building} RENAME TO ${ident(name)}`);
      return { rows, incremental: false, sql };
    });
  }

  query(sql: string): Promise<Record<string, unknown>[]> {
    return this.db.records(sql);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

export async function openDuckDbWarehouse(file: string, options: { signal?: AbortSignal; threads?: number; memoryLimit?: string } = {}): Promise<TWarehouse> {
  return new DuckDbWarehouse(await openDatabase(file, options));
}

export const duckDbWarehouse: TWarehouseCapability<TDuckDbConfig> = {
  open: (config, ctx) => {
    const parsed = parseDuckDbConfig(config);
    return openDuckDbWarehouse(databasePath(parsed), { signal: ctx.signal, threads: parsed.threads, memoryLimit: parsed.memoryLimit });
  },
  relation: qualified,
  dialect: DUCKDB_DIALECT,
};
