/**
 * After a commit failed on a value that does not convert (SQLSTATE class 22),
 * finds which column held it: PostgreSQL's message names the value and the
 * type but not the column. One scan of the staging table with
 * `pg_input_is_valid` (PostgreSQL 16+); on older servers, or for columns
 * whose conversion is not a plain cast (bytes, arrays), it says nothing.
 */
import type pg from "pg";

import { stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import { pgType } from "@/connectors/postgres-destination/type-mapping";

const NOT_A_PLAIN_CAST = new Set(["text", "bytes", "array"]);

/** " Column "n" (integer) holds 3 staged values that are not valid integer." or "" when it cannot tell. */
export async function diagnoseCastFailure(client: pg.Client, r: TResolvedPlan): Promise<string> {
  try {
    const version = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    if (Number(version.rows[0]?.v ?? 0) < 160000) return "";
    const checked = r.columns.map((c, i) => ({ column: c, index: i })).filter(({ column }) => !NOT_A_PLAIN_CAST.has(column.type.kind));
    if (checked.length === 0) return "";
    const counts = checked.map(({ column, index }) => {
      const staged = `s.${quoteIdent(stageColumn(index))}`;
      return `count(*) FILTER (WHERE ${staged} IS NOT NULL AND NOT pg_input_is_valid(${staged}, '${pgType(column.type)}')) AS ${quoteIdent(`bad${index}`)}`;
    });
    const result = await client.query<Record<string, string>>(`SELECT ${counts.join(", ")} FROM ${qualified(r.schema, r.stage)} AS s`);
    const row = result.rows[0] ?? {};
    const bad = checked.filter(({ index }) => Number(row[`bad${index}`] ?? 0) > 0);
    return bad
      .map(({ column, index }) => {
        const n = Number(row[`bad${index}`]);
        return ` Column "${column.name}" (${pgType(column.type)}) holds ${n} staged value${n === 1 ? "" : "s"} that ${n === 1 ? "is" : "are"} not valid for its type.`;
      })
      .join("");
  } catch {
    return "";
  }
}
