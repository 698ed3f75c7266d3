/**
 * The statements that prepare a stream and stage its batches: schemas, the
 * ledger, the per-attempt staging table, PUT of a gzipped file to the
 * staging table's stage and COPY INTO from it. (The target itself is only
 * created or changed by the commit: type-changes.ts.) Pure: each function
 * returns SQL text.
 *
 * Staging tables hold wire text (every column VARCHAR, C1…Cn by position, so
 * no source name can clash with X_EXTRACTED_AT, X_FILE and X_ROW, which
 * record when a file's batches were extracted, the order files arrived in
 * and each row's position in its file: a row's place in the staged data is
 * (X_FILE, X_ROW), the order it was read in, which a table alone does not
 * keep). The CSV
 * file format reads Weir's wire format exactly: fields optionally quoted
 * with ", no escapes outside quotes, an empty unquoted field is NULL and a
 * quoted empty field an empty string, and no NULL_IF markers (a value "\N"
 * is text).
 */
import { LEDGER, WEIR_SCHEMA, qualified, quoteIdent, tableStageOf } from "@/connectors/snowflake/identifiers";
import { WEIR_COLUMNS } from "@/connectors/types";

export const STAGE_EXTRACTED_AT = "X_EXTRACTED_AT";
export const STAGE_FILE = "X_FILE";
export const STAGE_ROW = "X_ROW";

/** Weir's columns on every target table, after the source's. */
export const WEIR_COLUMN_DEFS: readonly { name: string; type: string }[] = [
  { name: WEIR_COLUMNS.runId, type: "VARCHAR" },
  { name: WEIR_COLUMNS.extractedAt, type: "TIMESTAMP_TZ(6)" },
  { name: WEIR_COLUMNS.stream, type: "VARCHAR" },
];

export const stageColumn = (index: number) => `C${index + 1}`;

export const createSchemaSql = (schema: string) => `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`;

export const CREATE_LEDGER_SQL = [
  createSchemaSql(WEIR_SCHEMA),
  `CREATE TABLE IF NOT EXISTS ${LEDGER} (
    "ID" NUMBER(38,0) AUTOINCREMENT START 1 INCREMENT 1 ORDER,
    "CONNECTION_ID" VARCHAR NOT NULL,
    "STREAM" VARCHAR NOT NULL,
    "RUN_ID" VARCHAR NOT NULL,
    "ATTEMPT" NUMBER(10,0) NOT NULL,
    "STATE_CURSOR" VARCHAR,
    "ROWS" NUMBER(38,0) NOT NULL,
    "COMMITTED_AT" TIMESTAMP_TZ(6) NOT NULL
  )`,
];

/** Tables of a schema whose name starts with a prefix ($1 schema, $2 prefix). */
export const TABLES_WITH_PREFIX_SQL = `SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND STARTSWITH(table_name, ?)`;

/** Transient: staging needs no Time Travel or Fail-safe copies. Replaces this attempt's own, so preparing twice is harmless. */
export function createStageSql(stage: string, columnCount: number): string {
  const text = Array.from({ length: columnCount }, (_, i) => `${quoteIdent(stageColumn(i))} VARCHAR`);
  return `CREATE OR REPLACE TRANSIENT TABLE ${qualified(WEIR_SCHEMA, stage)} (${[...text, `"${STAGE_EXTRACTED_AT}" TIMESTAMP_TZ(6)`, `"${STAGE_FILE}" NUMBER(10,0)`, `"${STAGE_ROW}" NUMBER(19,0)`].join(", ")})`;
}

export const dropTableSql = (schema: string, table: string) => `DROP TABLE IF EXISTS ${qualified(schema, table)}`;

/** Uploads a gzipped local file as it is (no second compression) to the staging table's stage. */
export function putFileSql(localPath: string, stage: string): string {
  if (/['\\]/.test(localPath)) throw new Error(`staged file path "${localPath}" has a quote or backslash`);
  return `PUT 'file://${localPath}' ${tableStageOf(stage)} AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = GZIP OVERWRITE = TRUE`;
}

export const WIRE_FILE_FORMAT = `FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP FIELD_OPTIONALLY_ENCLOSED_BY = '"' ESCAPE_UNENCLOSED_FIELD = NONE NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE)`;

/**
 * Loads one staged file into the staging table's text columns (field i into
 * the column of the stream's column positions[i]) with each record's row
 * number in the file (METADATA$FILE_ROW_NUMBER, through a COPY
 * transformation that selects the fields by position and converts nothing),
 * and removes the file from the stage once loaded. The file is named by its
 * path on the stage (a path is a prefix, and no other file's name starts
 * with this one's). A transformation does not check the field count of a
 * record (ERROR_ON_COLUMN_COUNT_MISMATCH is ignored): the session checks the
 * rows loaded against the rows written instead.
 */
export function copyFileSql(stage: string, fileName: string, positions: readonly number[]): string {
  const columns = [...positions.map((i) => quoteIdent(stageColumn(i))), `"${STAGE_ROW}"`].join(", ");
  const fields = [...positions.map((_, field) => `$${field + 1}`), "METADATA$FILE_ROW_NUMBER"].join(", ");
  if (!/^[\w.-]+$/.test(fileName)) throw new Error(`staged file name "${fileName}" is not a plain file name`);
  return `COPY INTO ${qualified(WEIR_SCHEMA, stage)} (${columns}) FROM (SELECT ${fields} FROM ${tableStageOf(stage)}/${fileName}) ${WIRE_FILE_FORMAT} ON_ERROR = ABORT_STATEMENT PURGE = TRUE`;
}

/** Stamps the rows a COPY just loaded with their file's extraction time and order ($1 extracted at, ISO; $2 file number). */
export function stampFileSql(stage: string): string {
  return `UPDATE ${qualified(WEIR_SCHEMA, stage)} SET "${STAGE_EXTRACTED_AT}" = CAST(? AS TIMESTAMP_TZ(6)), "${STAGE_FILE}" = ? WHERE "${STAGE_FILE}" IS NULL`;
}
