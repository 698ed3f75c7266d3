/**
 * The SQL of a quality check, in the warehouse's dialect. Row-level kinds
 * become one SELECT of the dataset's failing rows, which is then counted and
 * sampled; table-level kinds (row count, freshness) one SELECT of the
 * observed value. Everything runs inside the warehouse; only counts and a
 * sample of at most 20 rows come back. Pure string building.
 */
import type { TCheckKind } from "@/engine/quality/check-definition";
import type { TDialect } from "@/connectors/warehouse-types";

export type TCheckSql =
  | { level: "rows"; failingRowsSql: string }
  | { level: "table"; observedSql: string }
  /** Freshness of the last successful load: observed from Weir's own records, not the warehouse. */
  | { level: "last-load" };

export type TCheckSqlContext = {
  dialect: TDialect;
  /** The dataset's quoted relation. */
  dataset: string;
  /** custom_sql: renders the user's SELECT (`{{ this }}` is the dataset, refs resolve to relations). */
  renderCustomSql(sql: string): string;
};

const asText = (expr: string) => `CAST(${expr} AS VARCHAR)`;

export function checkSql(check: TCheckKind, ctx: TCheckSqlContext): TCheckSql {
  const { dialect: d, dataset } = ctx;
  const col = (name: string) => `t.${d.quote(name)}`;
  const rows = (where: string): TCheckSql => ({ level: "rows", failingRowsSql: `SELECT t.* FROM ${dataset} AS t WHERE ${where}` });
  switch (check.kind) {
    case "not_null":
      return rows(`${col(check.column)} IS NULL`);
    case "unique": {
      // As dbt: rows whose key is NULL are not duplicates of each other.
      const keys = check.columns.map((c) => d.quote(c));
      const duplicated = `SELECT ${keys.join(", ")} FROM ${dataset} WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(" AND ")} GROUP BY ${keys.join(", ")} HAVING count(*) > 1`;
      const match = keys.map((k) => `dup.${k} = t.${k}`).join(" AND ");
      return { level: "rows", failingRowsSql: `SELECT t.* FROM ${dataset} AS t JOIN (${duplicated}) AS dup ON ${match}` };
    }
    case "accepted_values":
      return rows(`${col(check.column)} IS NOT NULL AND ${asText(col(check.column))} NOT IN (${check.values.map((v) => d.literal(v)).join(", ")})`);
    case "relationships": {
      const parent = `${d.quote(check.toSchema)}.${d.quote(check.toTable)}`;
      return rows(`${col(check.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} AS p WHERE p.${d.quote(check.toColumn)} = ${col(check.column)})`);
    }
    case "regex":
      return rows(`${col(check.column)} IS NOT NULL AND NOT ${d.regexMatches(asText(col(check.column)), d.literal(check.pattern))}`);
    case "expression":
      // A row whose expression is NULL is not known to be good: it fails.
      return rows(`NOT coalesce((${check.expression}), false)`);
    case "custom_sql":
      return { level: "rows", failingRowsSql: ctx.renderCustomSql(check.sql) };
    case "row_count":
      return { level: "table", observedSql: `SELECT count(*) AS observed FROM ${dataset}` };
    case "freshness":
      if (!check.column) return { level: "last-load" };
      return { level: "table", observedSql: `SELECT ${d.secondsSince(`max(${d.quote(check.column)})`)} AS observed FROM ${dataset}` };
  }
}
