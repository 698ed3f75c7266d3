/**
 * The connector contract: what every source and destination implements.
 * A connector is one folder under src/connectors/<name>/ exporting a
 * `TSourceConnector` (source-connector.ts) or `TDestinationConnector` as `connector`.
 *
 * Records travel between source and destination as batches in Weir's wire
 * format (src/connectors/wire-format.ts): headerless CSV whose columns follow
 * the stream's column order, with one canonical text encoding per Weir type.
 * A PostgreSQL source produces it directly with COPY … TO STDOUT, and both
 * warehouses bulk-load it (DuckDB's CSV reader, PostgreSQL's COPY FROM STDIN),
 * so rows are never parsed into JavaScript objects on the hot path.
 */
import type { TDialect, TWarehouse } from "@/connectors/warehouse-types";
import type { Logger } from "@/lib/logger";

// A source connector's type (source-connector.ts) and the streaming half of the contract
// (streaming-types.ts) build on these; they live beside it so this module imports neither.
// The warehouse session's contract (warehouse-types.ts) imports nothing from here, so the
// destination's `warehouse` capability below can name it.

/** Weir's column types; every connector maps its own types to and from these. */
export type TWeirType =
  | { kind: "boolean" }
  | { kind: "integer" } // 32-bit
  | { kind: "bigint" } // 64-bit
  | { kind: "float" } // 64-bit IEEE
  | { kind: "numeric"; precision?: number; scale?: number }
  | { kind: "text" }
  | { kind: "uuid" }
  | { kind: "date" }
  | { kind: "timestamp" } // without time zone
  | { kind: "timestamptz" }
  | { kind: "time" } // time of day without zone, microseconds; 24:00:00 is a value
  | { kind: "interval" } // months, days and microseconds, as PostgreSQL's interval
  | { kind: "json" }
  | { kind: "bytes" }
  | { kind: "array"; items: TWeirType };

/** Every kind of TWeirType that carries nothing else (all but numeric and array), for schemas that validate types. */
export const WEIR_PLAIN_KINDS = [
  "boolean",
  "integer",
  "bigint",
  "float",
  "text",
  "uuid",
  "date",
  "timestamp",
  "timestamptz",
  "time",
  "interval",
  "json",
  "bytes",
] as const;
// Fails to compile when a kind is added to TWeirType and not to WEIR_PLAIN_KINDS.
const plainKindsCoverAll: Exclude<TWeirType["kind"], (typeof WEIR_PLAIN_KINDS)[number] | "numeric" | "array"> extends never ? true : never = true;
void plainKindsCoverAll;

export type TColumn = {
  name: string;
  type: TWeirType;
  nullable: boolean;
  /** The source's own type name, for display (e.g. "numeric(12,2)", "jsonb"). */
  sourceType?: string;
  /**
   * How the source's values become `type` when that is not exact, as a
   * sentence for the connection page and docs/connectors/type-mapping.md
   * (e.g. "money → numeric: the amount in the database's currency, without
   * the symbol"). Absent when every value of the source type arrives exactly.
   */
  conversion?: string;
  /**
   * In a write plan only: the column keeps this type while the source now
   * sends `castFrom` (a person chose to keep the destination's type, or the
   * ignore policy). The destination checks every value against the column's
   * type and refuses one that does not fit; it never converts them silently
   * (e.g. PostgreSQL's COPY into numeric(10,2) would round).
   */
  castFrom?: TWeirType;
};

/** A stream a source offers (a table, a file pattern, an API endpoint, a topic). */
export type TStreamDescriptor = {
  /** Unique within the source, e.g. "public.orders". */
  name: string;
  /** The source's namespace (schema), when it has one. */
  namespace?: string;
  columns: TColumn[];
  /** Declared primary key, if any. */
  primaryKey: string[];
  /** Columns that can serve as an incremental cursor (monotonic types). */
  cursorCandidates: string[];
  /** Whether the source can read only records newer than a cursor. */
  supportsIncremental: boolean;
  /**
   * How incremental reads find new records: "cursor" (default) reads records
   * whose cursor is >= the saved one, the destination dropping what it
   * already holds at that boundary; "objects" (files, object stores) skips
   * the objects the ledger lists as read (TReadRequest.incremental.seenObjects)
   * and reports the objects it reads in full (TRecordBatch.objects).
   */
  incrementalBy?: "cursor" | "objects";
  /** Rough row count, for progress bars; absent when the source cannot tell cheaply. */
  estimatedRows?: number;
};

export type TCatalog = { streams: TStreamDescriptor[] };

/** An OpenLineage dataset identity. */
export type TLineageDatasetName = { namespace: string; name: string };

/** A check's outcome; a passing check may say what it saw (e.g. the topics it can read). */
export type TCheckResult = { ok: true; message?: string } | { ok: false; message: string };

/** A stream's saved position: the largest cursor value committed so far, in wire encoding. */
export type TStreamState = { cursor: string | null };

export type TReadRequest = {
  stream: TStreamDescriptor;
  /** Columns to read, in this order (the wire columns); default all. */
  columns?: string[];
  /**
   * Incremental reads return records whose cursor is greater than OR EQUAL
   * to state.cursor (never only greater: rows that share the saved cursor
   * value but arrived after the last read would be lost). The destination
   * drops the rows at that boundary value that it already holds (see
   * TDestinationSession.commitStream). Sources that read by objects get the
   * keys of the objects already read in `seenObjects` and skip them.
   */
  incremental?: { cursorField: string; state: TStreamState | null; seenObjects?: ReadonlySet<string> };
};

/** One batch of records of one stream, in wire format. */
export type TRecordBatch = {
  stream: string;
  /** Column names, in the order of the CSV fields. */
  columns: string[];
  /** Complete CSV lines (each ends with "\n"). */
  csv: Buffer;
  rows: number;
  /** When the records were extracted (becomes _weir_extracted_at). */
  extractedAt: Date;
  /**
   * Objects (files) whose records are now completely in this and earlier
   * batches, as ledger keys (incrementalBy "objects"). A batch may carry
   * objects and no rows (an empty file).
   */
  objects?: string[];
};

/**
 * What a connector's work is done for, so warehouses that attribute queries
 * (Snowflake's QUERY_TAG) can say which run, connection or model caused each one.
 */
export type TRunAttribution = {
  kind: "sync" | "stream" | "model" | "check" | "preview" | "lineage" | "endpoint-check";
  run?: string;
  connection?: string;
  model?: string;
  dataset?: string;
};

export type TConnectorContext = {
  log: Logger;
  signal: AbortSignal;
  attribution?: TRunAttribution;
  /**
   * A line for the run's own log, which users read on the run page (retries,
   * waits, skipped objects). Never put secrets or row values in it; the
   * engine also passes it through its secret scrubber.
   */
  notice?(message: string): void;
};

export type TReadOptions = TConnectorContext & {
  /** Soft bounds of one batch; a batch closes when either is reached. */
  maxBatchRows?: number;
  maxBatchBytes?: number;
};

/** JSON Schema of a connector's configuration; secret fields carry `"secret": true`. */
export type TConnectorSpec = {
  type: "object";
  title?: string;
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
};

export type TConnectorBase<TConfig> = {
  /** Stable id, the folder name: "postgres", "duckdb", "files". */
  name: string;
  title: string;
  spec: TConnectorSpec;
  /** Tests the configuration; a failure message names the cause (host, port, password, database…). */
  check(config: TConfig, ctx: TConnectorContext): Promise<TCheckResult>;
  /**
   * The OpenLineage name of a relation ("schema.table", or a source's stream
   * name) in this configuration's system, following OpenLineage's naming
   * conventions (e.g. postgres://host:port + database.schema.table), so
   * events from other producers about the same table join the same node.
   * Without it, datasets are named after the Weir endpoint.
   */
  lineageDataset?(config: TConfig, relation: string): TLineageDatasetName;
  /** Used only to type-check configs; never set at run time. */
  readonly _config?: TConfig;
};

export type TSyncMode = "full_refresh_overwrite" | "full_refresh_append" | "incremental_append" | "incremental_dedup";

/** What a destination needs to load one stream of one run attempt. */
export type TWritePlan = {
  connectionId: string;
  runId: string;
  attempt: number;
  /** The source stream name (kept in _weir_stream and the ledger). */
  stream: string;
  /** Destination schema (namespace) and table name, unquoted; the destination quotes them. */
  namespace: string;
  table: string;
  /** Source columns in wire order; Weir's own columns are added by the destination. */
  columns: TColumn[];
  mode: TSyncMode;
  primaryKey: string[];
  cursorField?: string;
};

/** A committed load, kept in the destination in the same transaction as the data. */
export type TLedgerEntry = {
  connectionId: string;
  stream: string;
  runId: string;
  attempt: number;
  /** The stream's state after this load: max cursor of everything committed. */
  state: TStreamState | null;
  rows: number;
  committedAt: Date;
};

/** What a commit records besides the rows and the cursor. */
export type TCommitExtras = {
  /** Objects read in full by this attempt (TRecordBatch.objects), recorded in the ledger with the rows. */
  objects?: string[];
};

/**
 * A destination's session for one run. The rules every destination keeps
 * (the conformance suite, src/connectors/testing/destination-conformance.ts,
 * checks them):
 *
 * - Nothing but the commit changes the target. prepareStream and writeBatch
 *   touch only this attempt's staging; creating the schema or table, adding
 *   columns and changing column types happen inside commitStream's
 *   transaction, so a failed run leaves the destination as it was, DDL
 *   included. (A warehouse whose DDL commits at once, Snowflake, undoes its
 *   DDL when the commit fails, and says so in its docs.)
 * - Type changes: a plan column whose type differs from the stored column's
 *   is altered in the commit when `isWidening(stored, planned)` holds
 *   (src/connectors/type-widening.ts; `stored` is the Weir type the
 *   destination's stored type maps back to), converting the old values
 *   through their wire text; otherwise the commit throws AppError
 *   SCHEMA_CHANGED naming the table, the column and both types, and changes
 *   nothing.
 * - Values: each arrives exactly, or converted by the rule `describeType`
 *   states, or the commit throws AppError DATA_REJECTED naming the stream,
 *   the column, the row's key (primary key values, else the cursor value, else
 *   its position in the staged rows) and the value (at most 200 characters).
 *   Never a silent change.
 * - Errors: DATA_REJECTED and SCHEMA_CHANGED are not retried; a lost
 *   connection or server trouble is UNAVAILABLE or CONNECTOR_ERROR (retried).
 * - Cursor boundary: see commitStream.
 */
export type TDestinationSession = {
  /** Prepares this attempt's staging for the plan's stream; never changes the target. Idempotent. */
  prepareStream(plan: TWritePlan): Promise<void>;
  /** Bulk-loads a batch into this attempt's staging table (never into the target). */
  writeBatch(plan: TWritePlan, batch: TRecordBatch): Promise<void>;
  /**
   * In one transaction: creates or changes the target as the plan needs,
   * applies the staged rows according to plan.mode (overwrite swaps a new
   * table in; append inserts; dedup merges on the primary key, newest cursor
   * wins), records the ledger entry with the new state, the cursor boundary
   * and `extras.objects`, and drops the staging. Returns the ledger entry
   * written; its `rows` are the rows the target received. When it fails, the
   * staging of this attempt is dropped too if the destination still answers.
   *
   * The cursor boundary. Incremental sources read records whose cursor is
   * >= previous.cursor, so rows at exactly that value are read again. The
   * ledger keeps, per stream, the boundary: the multiset of the identities
   * of the rows committed at the current cursor value, where a row's
   * identity is a hash of its plan-column values as staged wire text, in
   * plan order, NULL distinct from every text. In incremental modes, staged
   * rows whose cursor equals previous.cursor are dropped up to the number of
   * times their identity is in the boundary (so an unchanged row is not
   * loaded twice, and a row updated without moving its cursor, or a new
   * duplicate row, still arrives). Every commit that records a cursor then
   * replaces the boundary: when the cursor did not move (and the mode is not
   * full_refresh_overwrite, whose table holds only its own rows), each
   * identity's count is the larger of the recorded and the staged count;
   * otherwise it is the staged rows at the new cursor. Written in the same
   * transaction as the rows. A saved cursor with no boundary recorded at all
   * comes from a commit made before boundaries existed, when reads were
   * strictly after the cursor: every staged row at it counts as held.
   *
   * The boundary also records the columns its identities were hashed over
   * (names and Weir types, in plan order). When the plan's columns have
   * changed since, staged identities are hashed over the recorded columns if
   * the plan still has every one of them with the same type (a column was
   * added: the rows at the boundary are still recognised); otherwise
   * (a column dropped, ignored or retyped) they cannot be compared, and every
   * staged row at the saved cursor counts as held, as for a ledger from
   * before boundaries.
   *
   * NULL cursors. While a stream's state has no cursor (every row committed
   * so far had a NULL cursor, so each incremental read is a full read), the
   * NULL cursor is the boundary: staged rows with a NULL cursor are dropped
   * up to the counts recorded for NULL, and a commit that stays without a
   * cursor records them (the larger count per identity). Once a cursor value
   * exists the boundary moves to it, as above.
   *
   * Dedup keys. In incremental_dedup, key columns compare with IS NOT
   * DISTINCT FROM (a NULL key part matches another NULL), within a load and
   * against the table; among rows with the same key and the same cursor the
   * row read last wins (staged order), in every destination.
   */
  commitStream(plan: TWritePlan, previous: TStreamState | null, extras?: TCommitExtras): Promise<TLedgerEntry>;
  /** The newest ledger entry of a connection's stream, or null. */
  lastCommitted(connectionId: string, stream: string): Promise<TLedgerEntry | null>;
  /** The object keys the ledger holds for a connection's stream (commitStream's extras.objects since its last reset). */
  seenObjects(connectionId: string, stream: string): Promise<string[]>;
  /** Drops staging left by earlier, killed or failed attempts of this connection's stream (and this attempt's, when called after a failure). */
  discardStaging(plan: TWritePlan): Promise<void>;
  /**
   * Forgets a stream's state ("clear" in the UI): in one transaction, appends
   * a ledger entry without state under `resetId` (so the next run reads
   * everything), forgets the stream's boundary and objects and, with
   * dropTable, drops the target table.
   */
  resetStream(target: TResetTarget, opts: { dropTable: boolean; resetId: string }): Promise<void>;
  /** Warehouses with query ids (Snowflake): the ids of the queries run since the last call, for the run page. */
  takeQueryIds?(): string[];
  close(): Promise<void>;
};

export type TResetTarget = { connectionId: string; stream: string; namespace: string; table: string };

/** How a destination stores a Weir type: its column type, and the rule when that is not exact. */
export type TTypeDescription = {
  /** The destination's column type, e.g. "DECIMAL(12,2)", "VARCHAR". */
  type: string;
  /** The documented rule when values are converted (e.g. "exact decimal text: DuckDB's DECIMAL holds at most 38 digits"); absent when exact. */
  conversion?: string;
  /**
   * Classes of the type's own values (as the wire format defines them) that the destination refuses out loud,
   * e.g. ["dates before year 1", "infinity"]; absent when it takes every value. Text that is no value of the type
   * (a fraction in a bigint, more digits before the point than a numeric(p,s) allows) is refused by every destination and not listed.
   */
  refuses?: string[];
};

/** What a warehouse session is opened with: TConnectorContext, the signal optional (previews pass a timeout, builds the run's). */
export type TWarehouseContext = { log: Logger; signal?: AbortSignal; attribution?: TRunAttribution };

/**
 * What a destination Weir can query offers (src/connectors/warehouse-types.ts
 * has the session's contract): the engine opens it for model builds, checks,
 * previews and lineage reads, and names relations in its SQL without
 * connecting. The engine and the UI ask the registry for it
 * (`destinationConnector(name).warehouse`), never a connector's name.
 */
export type TWarehouseCapability<TConfig = unknown> = {
  /** Opens a session on the destination's configuration as stored (unsealed); it parses it as `open` does. */
  open(config: TConfig, ctx: TWarehouseContext): Promise<TWarehouse>;
  /** `schema.name` quoted as this warehouse's SQL writes it (compiled SQL shown before a build); the same as its sessions' `relation`. */
  relation(schema: string, name: string): string;
  /** The SQL dialect of Weir's own SQL here; the same as its sessions' `dialect`. */
  dialect: TDialect;
};

export type TDestinationConnector<TConfig = unknown> = TConnectorBase<TConfig> & {
  kind: "destination";
  /** How a Weir type is stored here (pure; the connection page and the type-mapping docs show it). */
  describeType(type: TWeirType): TTypeDescription;
  /** Present on destinations Weir builds models, runs checks and previews in; absent on plain destinations. */
  warehouse?: TWarehouseCapability<TConfig>;
  open(config: TConfig, ctx: TConnectorContext): Promise<TDestinationSession>;
};

/** Columns every loaded row carries. */
export const WEIR_COLUMNS = {
  runId: "_weir_run_id",
  extractedAt: "_weir_extracted_at",
  stream: "_weir_stream",
} as const;
