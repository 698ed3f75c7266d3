/**
 * Names of everything the PostgreSQL destination creates, and how they are
 * quoted. Pure.
 *
 * Every identifier is double-quoted (`pg.escapeIdentifier`), so names with
 * quotes, spaces, dots, unicode or reserved words round-trip. PostgreSQL
 * silently truncates identifiers longer than 63 bytes, which would make two
 * long names collide or a table unfindable by its full name; user names that
 * long are refused, and the destination's own derived names (staging tables,
 * the overwrite copy, the merge index) are shortened with a hash instead.
 */
import { createHash } from "node:crypto";
import pg from "pg";

import { AppError } from "@/lib/app-error";

/** PostgreSQL's identifier limit in bytes (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/** Prefix of every staging table; `listTables(…).filter(startsWith)` finds them. */
export const STAGE_PREFIX = "_weir_stage_";

/** Prefix of full_refresh_overwrite's copy, which exists only inside a commit. */
export const OVERWRITE_PREFIX = "_weir_new_";

/** Schema of the ledger. */
export const LEDGER_SCHEMA = "_weir";
export const LEDGER_TABLE = "ledger";

export const quoteIdent: (name: string) => string = pg.escapeIdentifier;

/** `"schema"."name"`. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export const LEDGER = qualified(LEDGER_SCHEMA, LEDGER_TABLE);

/**
 * Weir's bookkeeping tables in `_weir`: the ledger, the cursor boundary of
 * each stream (its row identities, and per stream the cursor they are at and
 * the columns they were hashed over), the objects each stream has read.
 */
export const BOUNDARY_TABLE = "boundary";
export const BOUNDARY_STREAMS_TABLE = "boundary_streams";
export const OBJECTS_TABLE = "objects";
export const BOUNDARY = qualified(LEDGER_SCHEMA, BOUNDARY_TABLE);
export const BOUNDARY_STREAMS = qualified(LEDGER_SCHEMA, BOUNDARY_STREAMS_TABLE);
export const OBJECTS = qualified(LEDGER_SCHEMA, OBJECTS_TABLE);

/** Refuses names PostgreSQL would reject or silently truncate. `what` names it in the message. */
export function assertIdentifier(name: string, what: string): void {
  if (name.length === 0) throw new AppError("BAD_INPUT", `PostgreSQL destination: the ${what} name is empty.`);
  if (name.includes("\u0000")) throw new AppError("BAD_INPUT", `PostgreSQL destination: the ${what} name "${name}" contains a NUL character.`);
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new AppError(
      "BAD_INPUT",
      `PostgreSQL destination: the ${what} name "${name}" is ${bytes} bytes long; PostgreSQL allows at most ${MAX_IDENTIFIER_BYTES}. Set a shorter destination name (prefix) for this stream.`,
    );
  }
}

/** Hex digest prefix of `text`, for short stable derived names. */
export function shortHash(text: string, length = 8): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** The longest prefix of `text` (whole code points) that fits in `maxBytes` UTF-8 bytes. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let out = "";
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, "utf8");
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/**
 * `<prefix><table>` when it fits next to `reserve` more bytes, else the table
 * shortened and followed by `~<hash of the full table name>`, so derived names
 * of two long tables with a common beginning still differ.
 */
function withTable(prefix: string, table: string, reserve: number): string {
  const budget = MAX_IDENTIFIER_BYTES - Buffer.byteLength(prefix, "utf8") - reserve;
  if (Buffer.byteLength(table, "utf8") <= budget) return `${prefix}${table}`;
  const hash = shortHash(table);
  return `${prefix}${truncateUtf8(table, budget - hash.length - 1)}~${hash}`;
}

/** Width reserved after the table part of a staging name: `_<8 hex>_<attempt up to 6 digits>`. */
const STAGE_SUFFIX_BYTES = 1 + 8 + 1 + 6;

/** The part of every staging-table name of `table` before the run/attempt suffix, "_" included. */
export function stageTablePrefix(table: string): string {
  return `${withTable(STAGE_PREFIX, table, STAGE_SUFFIX_BYTES)}_`;
}

/** `_weir_stage_<table>_<run id hash>_<attempt>`: one staging table per attempt. */
export function stageTableName(table: string, runId: string, attempt: number): string {
  return `${stageTablePrefix(table)}${shortHash(runId)}_${attempt}`;
}

const STAGE_SUFFIX = /^[0-9a-f]{8}_\d+$/;

/**
 * Whether `name` is a staging table of `table`. The suffix is matched exactly,
 * so the staging tables of "orders_items" are never taken for those of "orders".
 */
export function isStageTableOf(name: string, table: string): boolean {
  const prefix = stageTablePrefix(table);
  return name.startsWith(prefix) && STAGE_SUFFIX.test(name.slice(prefix.length));
}

/** The full copy a full_refresh_overwrite builds inside the commit before swapping it in. */
export function overwriteTableName(table: string): string {
  return withTable(OVERWRITE_PREFIX, table, 0);
}

/**
 * The stand-in for a table's name in the names of its attempt artifacts
 * (staging table, direct load's new table) when they wait in `_weir`
 * because the target schema does not exist yet: a hash of schema and table,
 * so streams of different schemas never share them.
 */
export function parkedTableKey(schema: string, table: string): string {
  return shortHash(JSON.stringify([schema, table]), 16);
}

/** The (non-unique) index incremental_dedup merges through. */
export function mergeIndexName(table: string, primaryKey: readonly string[]): string {
  return `_weir_pk_${shortHash(JSON.stringify([table, ...primaryKey]), 16)}`;
}
