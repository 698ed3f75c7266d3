/**
 * incremental_dedup's merge in one statement. Pure: returns SQL text.
 *
 * The newest staged row per key wins (cursor descending, NULL cursors
 * oldest; among equal cursors the row staged last, by STAGE_ORDER) unless the
 * target already holds a newer cursor for that key (a re-sent old version
 * never replaces a newer one; on equal cursors the new load wins). Each
 * winner replaces every target row with its key. The DELETEs and the INSERT
 * share one snapshot, so they never see the rows being inserted.
 *
 * Keys compare with IS NOT DISTINCT FROM (a NULL key part matches another
 * NULL), in the load (DISTINCT ON groups NULLs) and against the target. The
 * merge index is a plain index, which `=` and `IS NULL` can use but IS NOT
 * DISTINCT FROM cannot (and NULLS NOT DISTINCT needs PostgreSQL 15; this
 * destination supports 12). So winners whose key has no NULL match with `=`
 * as before (hash join or index), and the rest — usually none — are matched
 * one by one (LATERAL) by their pattern of NULL parts: for key columns the
 * plan declares nullable (up to four; 15 patterns) `old.k1 = w.k1 AND
 * old.k2 IS NULL`, which the index serves; any other pattern (a key column
 * declared NOT NULL that holds a NULL anyway) with IS NOT DISTINCT FROM, a
 * scan of the target per such row. A load without NULL key parts pays one
 * IS NULL test per staged row.
 */
import { indexOfColumn, insertColumnsSql, insertValuesSql, type TApplyTarget, typedName, typedStageSql } from "@/connectors/postgres-destination/apply-sql";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";

/** How many nullable key columns get their NULL patterns enumerated (2^n − 1 index-served branches). */
export const MAX_ENUMERATED_NULLABLE_KEYS = 4;

type TKey = { column: string; typed: string; nullable: boolean };

/** Every non-empty subset of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out;
}

/** Parameters: $1 run id, $2 stream. Needs the staging's STAGE_ORDER (`stagedOrder`). */
export function mergeStagedSql(t: TApplyTarget): string {
  const keys: TKey[] = t.primaryKey.map((k) => {
    const i = indexOfColumn(t, k);
    return { column: quoteIdent(k), typed: typedName(i), nullable: t.columns[i]!.nullable };
  });
  const nullable = keys.filter((k) => k.nullable);
  const enumerated = nullable.length <= MAX_ENUMERATED_NULLABLE_KEYS ? nullable : [];
  const others = keys.filter((k) => !enumerated.includes(k));
  const cursor = t.cursorField === undefined ? undefined : { column: quoteIdent(t.cursorField), typed: typedName(indexOfColumn(t, t.cursorField)) };
  const target = qualified(t.schema, t.table);

  const order = keys.map((k) => `typed.${k.typed}`);
  if (cursor) order.push(`typed.${cursor.typed} DESC NULLS LAST`);
  order.push("typed.x_order DESC");
  const anyNull = (alias: string) => keys.map((k) => `${alias}.${k.typed} IS NULL`).join(" OR ");
  const equal = (alias: string) => keys.map((k) => `old.${k.column} = ${alias}.${k.typed}`).join(" AND ");
  const newer = (alias: string) =>
    cursor ? `(old.${cursor.column} > ${alias}.${cursor.typed} OR (${alias}.${cursor.typed} IS NULL AND old.${cursor.column} IS NOT NULL))` : "false";

  // One branch per pattern of NULL key parts: which winners it takes, and how they find their target rows.
  const branches = subsets(enumerated).map((nulls) => ({
    takes: keys.map((k) => `w.${k.typed} IS ${nulls.includes(k) ? "" : "NOT "}NULL`).join(" AND "),
    finds: keys.map((k) => (nulls.includes(k) ? `old.${k.column} IS NULL` : `old.${k.column} = w.${k.typed}`)).join(" AND "),
  }));
  if (others.length) {
    branches.push({
      takes: others.map((k) => `w.${k.typed} IS NULL`).join(" OR "),
      finds: keys.map((k) => `old.${k.column} IS NOT DISTINCT FROM w.${k.typed}`).join(" AND "),
    });
  }
  const matched = branches
    .map(
      (b) =>
        `SELECT w.x_order AS fid, x.id, x.newer FROM nullkeyed AS w CROSS JOIN LATERAL (SELECT old.ctid AS id, ${newer("w")} AS newer FROM ${target} AS old WHERE ${b.finds} OFFSET 0) AS x WHERE ${b.takes}`,
    )
    .join(" UNION ALL ");
  const newerInTarget = cursor ? ` AND NOT EXISTS (SELECT 1 FROM ${target} AS old WHERE ${equal("f")} AND ${newer("f")})` : "";

  return (
    `WITH fresh AS MATERIALIZED (SELECT DISTINCT ON (${keys.map((k) => `typed.${k.typed}`).join(", ")}) typed.* FROM (${typedStageSql(t)}) AS typed ORDER BY ${order.join(", ")}), ` +
    `nullkeyed AS MATERIALIZED (SELECT f.* FROM fresh AS f WHERE ${anyNull("f")}), ` +
    `matched AS MATERIALIZED (${matched}), ` +
    `winners AS MATERIALIZED (SELECT f.* FROM fresh AS f WHERE NOT (${anyNull("f")})${newerInTarget} ` +
    `UNION ALL SELECT f.* FROM nullkeyed AS f WHERE NOT EXISTS (SELECT 1 FROM matched AS m WHERE m.fid = f.x_order AND m.newer)), ` +
    `replaced AS (DELETE FROM ${target} AS old USING winners WHERE ${equal("winners")}), ` +
    `replaced_null AS (DELETE FROM ${target} AS old USING matched AS m JOIN winners AS w ON w.x_order = m.fid WHERE old.ctid = m.id) ` +
    `INSERT INTO ${target} (${insertColumnsSql(t)}) SELECT ${insertValuesSql(t, "winners")} FROM winners`
  );
}
