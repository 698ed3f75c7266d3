/**
 * A target table's columns as Snowflake stores them (information_schema),
 * compared with a plan's Weir types: whether the stored type already holds
 * the planned one, the Weir type a stored column maps back to (to decide
 * with isWidening whether a type change may be applied), whether Snowflake
 * can change it in place (ALTER COLUMN only widens VARCHAR length and NUMBER
 * precision at the same scale), and the stored type spelled for DDL. Pure.
 */
import { MAX_PRECISION, numberOf } from "@/connectors/snowflake/number-type";
import { VARCHAR_MAX, snowflakeType } from "@/connectors/snowflake/type-mapping";
import type { TWeirType } from "@/connectors/types";

/** One stored column: its stored name and information_schema's description of its type. */
export type TStoredColumn = { name: string; dataType: string; precision: number | null; scale: number | null; length: number | null };

/** A table's columns in table order ($1 schema, $2 table: stored names); no rows when the table does not exist. */
export const STORED_COLUMNS_SQL =
  "SELECT column_name, data_type, numeric_precision, numeric_scale, character_maximum_length FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";

const numberOrNull = (v: unknown) => (v === null || v === undefined || v === "" ? null : Number(v));

export function parseStoredColumns(rows: readonly unknown[][]): TStoredColumn[] {
  return rows.map(([name, dataType, precision, scale, length]) => ({
    name: String(name),
    dataType: String(dataType).toUpperCase(),
    precision: numberOrNull(precision),
    scale: numberOrNull(scale),
    length: numberOrNull(length),
  }));
}

const isText = (c: TStoredColumn) => c.dataType === "TEXT" || c.dataType === "VARCHAR";

/** The stored type as DDL spells it: NUMBER(p,s), VARCHAR(n), or the type's name. */
export function storedTypeSql(c: TStoredColumn): string {
  if (c.dataType === "NUMBER" && c.precision !== null) return `NUMBER(${c.precision},${c.scale ?? 0})`;
  if (isText(c)) return c.length === null || c.length >= VARCHAR_MAX ? "VARCHAR" : `VARCHAR(${c.length})`;
  return c.dataType;
}

/** The planned Snowflake type in information_schema's terms. */
function plannedShape(type: TWeirType): { dataType: string; precision?: number; scale?: number; length?: number } {
  if (type.kind === "integer") return { dataType: "NUMBER", precision: 10, scale: 0 };
  if (type.kind === "bigint") return { dataType: "NUMBER", precision: 19, scale: 0 };
  if (type.kind === "numeric") {
    const n = numberOf(type);
    if (n) return { dataType: "NUMBER", ...n };
  }
  if (type.kind === "uuid") return { dataType: "TEXT", length: 36 };
  const spelled = snowflakeType(type);
  if (spelled === "VARCHAR") return { dataType: "TEXT", length: VARCHAR_MAX };
  return { dataType: spelled.replace(/\(.*$/, "") };
}

/** Whether the stored column already holds every value of the planned type as Weir stores it (no change needed). */
export function holdsPlanned(c: TStoredColumn, planned: TWeirType): boolean {
  const want = plannedShape(planned);
  if (want.dataType === "TEXT") return isText(c) && (c.length === null || c.length >= want.length!);
  if (want.dataType === "NUMBER") return c.dataType === "NUMBER" && c.precision === want.precision && (c.scale ?? 0) === want.scale;
  // Timestamp and time precision are not compared: information_schema does not give them everywhere, and Weir's values have microseconds.
  return c.dataType === want.dataType;
}

/** Whether ALTER COLUMN … SET DATA TYPE can make the stored column hold the planned type (a longer VARCHAR, more NUMBER precision at the same scale). */
export function alterableInPlace(c: TStoredColumn, planned: TWeirType): boolean {
  const want = plannedShape(planned);
  if (want.dataType === "TEXT") return isText(c);
  if (want.dataType === "NUMBER") return c.dataType === "NUMBER" && c.precision !== null && want.precision! >= c.precision && (c.scale ?? 0) === want.scale;
  return false;
}

const BY_NAME: Record<string, TWeirType> = {
  FLOAT: { kind: "float" },
  BOOLEAN: { kind: "boolean" },
  DATE: { kind: "date" },
  TIMESTAMP_NTZ: { kind: "timestamp" },
  TIMESTAMP_TZ: { kind: "timestamptz" },
  TIMESTAMP_LTZ: { kind: "timestamptz" },
  TIME: { kind: "time" },
  VARIANT: { kind: "json" },
  BINARY: { kind: "bytes" },
};

/**
 * The Weir type whose values a stored column holds, or null for types Weir
 * does not write (GEOGRAPHY, OBJECT…). VARCHAR maps to text (Weir's VARCHAR
 * numerics and intervals are text as far as a type change is concerned),
 * VARCHAR(36) to uuid, NUMBER(10,0) and NUMBER(19,0) to integer and bigint.
 */
export function weirTypeOfStored(c: TStoredColumn): TWeirType | null {
  if (c.dataType === "NUMBER") {
    const precision = c.precision ?? MAX_PRECISION;
    const scale = c.scale ?? 0;
    if (scale === 0 && precision === 10) return { kind: "integer" };
    if (scale === 0 && precision === 19) return { kind: "bigint" };
    return { kind: "numeric", precision, scale };
  }
  if (isText(c)) return c.length === 36 ? { kind: "uuid" } : { kind: "text" };
  return BY_NAME[c.dataType] ?? null;
}
