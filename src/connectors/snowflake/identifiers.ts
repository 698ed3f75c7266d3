/**
 * Names of everything the Snowflake destination creates, and how they are
 * written. Pure.
 *
 * Snowflake upper-cases unquoted identifiers: `select id from orders` reads
 * ID from ORDERS. So a name that is a plain lower-case identifier (orders,
 * customer_id) is stored upper-case (ORDERS, CUSTOMER_ID), and the models and
 * queries people write without quotes find it, as they would on DuckDB or
 * PostgreSQL. Any other name (mixed case, spaces, dots, quotes, unicode) is
 * kept exactly as it is and always quoted. `unfold` reads Snowflake's
 * upper-case names back as Weir's (query results, column lists).
 *
 * Weir's own objects live in schema _WEIR of the configured database: the
 * ledger, its keys (cursor boundaries and objects read) and the per-attempt
 * staging tables, whose table stages
 * (@_WEIR.%NAME) hold the attempt's files, so dropping a staging table also
 * removes its files. Their names are plain upper-case identifiers, because
 * stage references are written unquoted.
 */
import { createHash } from "node:crypto";

import { AppError } from "@/lib/app-error";

/** Snowflake's identifier limit in characters. */
export const MAX_IDENTIFIER_CHARS = 255;

const FOLDABLE = /^[a-z_][a-z0-9_$]*$/;
const FOLDED = /^[A-Z_][A-Z0-9_$]*$/;

/** Weir's schema: the ledger and staging tables. */
export const WEIR_SCHEMA = "_WEIR";
export const LEDGER_TABLE = "LEDGER";
/** Per stream: the cursor boundary's row identities and the objects read (boundary-sql.ts). */
export const LEDGER_KEYS_TABLE = "LEDGER_KEYS";
/** Prefix of every staging table (in _WEIR). */
export const STAGE_PREFIX = "_WEIR_STAGE_";

/** The name Snowflake stores for Weir's `name`. */
export function fold(name: string): string {
  return FOLDABLE.test(name) ? name.toUpperCase() : name;
}

/** Weir's name for a name Snowflake returns: upper-case plain identifiers read as lower-case. */
export function unfold(name: string): string {
  return FOLDED.test(name) ? name.toLowerCase() : name;
}

/** `"NAME"`: the stored name, quoted. */
export function quoteIdent(name: string): string {
  return `"${fold(name).replaceAll('"', '""')}"`;
}

/** A name as Snowflake stores it (from information_schema), quoted as it is. */
export function quoteStored(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"SCHEMA"."NAME"`. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export const LEDGER = qualified(WEIR_SCHEMA, LEDGER_TABLE);
export const LEDGER_KEYS = qualified(WEIR_SCHEMA, LEDGER_KEYS_TABLE);

/** A SQL string literal: Snowflake reads backslashes in literals as escapes, so they are doubled too. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** Refuses names Snowflake would reject. `what` names it in the message. */
export function assertIdentifier(name: string, what: string): void {
  if (name.length === 0) throw new AppError("BAD_INPUT", `Snowflake destination: the ${what} name is empty.`);
  if (name.includes("\u0000")) throw new AppError("BAD_INPUT", `Snowflake destination: the ${what} name "${name}" contains a NUL character.`);
  if ([...name].length > MAX_IDENTIFIER_CHARS) {
    throw new AppError(
      "BAD_INPUT",
      `Snowflake destination: the ${what} name "${name.slice(0, 40)}…" is longer than Snowflake's ${MAX_IDENTIFIER_CHARS} characters. Set a shorter destination name (prefix) for this stream.`,
    );
  }
}

function hash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length).toUpperCase();
}

/** Staging tables of one connection's stream share this prefix; discardStaging drops them all. */
export function stagePrefixOf(connectionId: string, stream: string): string {
  return `${STAGE_PREFIX}${hash(`${connectionId}\u0000${stream}`, 12)}_`;
}

/** The staging table of one attempt of a stream's load. */
export function stageTableName(connectionId: string, stream: string, runId: string, attempt: number): string {
  return `${stagePrefixOf(connectionId, stream)}${hash(`${runId}\u0000${attempt}`, 12)}`;
}

/** The table stage of a staging table, unquoted as stage references are: `@_WEIR.%_WEIR_STAGE_…`. */
export function tableStageOf(stageTable: string): string {
  if (!FOLDED.test(stageTable)) throw new Error(`staging table name "${stageTable}" is not a plain identifier`);
  return `@${WEIR_SCHEMA}.%${stageTable}`;
}
