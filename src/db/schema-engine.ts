/**
 * Prisma's schema engine (the WebAssembly build, @prisma/schema-engine-wasm)
 * driven through node-postgres. The Prisma CLI's native engine is downloaded
 * on first use, which fails offline; this module is what lets Weir create and
 * apply migrations without it (docs/migrations.md).
 *
 * The engine talks to PostgreSQL through a driver adapter. `PrismaPg` is
 * almost right; three things are fixed here:
 *  - PostgreSQL's internal `"char"` type (oid 18, in catalog columns such as
 *    pg_constraint.contype that the engine reads when it describes a schema)
 *    is unknown to PrismaPg, so describing a database fails with "Column type
 *    'char' could not be deserialized". Reporting such columns as text is not
 *    enough: the engine then panics reading them as characters. They are
 *    reported with the engine's `Character` column type.
 *  - PrismaPg's `executeScript` splits the script on every ";" (breaking
 *    semicolons in strings and function bodies) and runs the pieces one by one.
 *    Here the whole script goes in one simple-query round trip, which
 *    PostgreSQL runs as one implicit transaction, as the native engine does.
 *  - PrismaPg's shadow database is dropped while its pool is still connected
 *    ("is being accessed by other users"), and with a `connectionString` it
 *    does not even connect to it. Shadow databases are made and dropped here.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type IsolationLevel,
  type SqlResultSet,
  type Transaction,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { redactUrl, withDatabase } from "@/db/database-url";
import { logger } from "@/lib/logger";

export type { SchemaEngine };

type TEngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

export type TSchemaEngineOptions = {
  /** The database the engine works on (applyMigrations, schemaDatasource). */
  url: string;
  /** A server where temporary shadow databases may be created; default: `url`'s server. */
  shadowServerUrl?: string;
  /** Prisma schema text, for operations that read the datasource from it. */
  schema?: string;
};

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** Appended to the names of `"char"` columns on their way through PrismaPg, so queryRaw can type them. */
const CHAR_COLUMN_MARK = "\u0000weir:char";

let engineModule: Promise<TEngineModule> | undefined;
/** Set once the engine panicked: its WebAssembly memory is then unusable for the rest of the process. */
let panicMessage: string | undefined;
const panicListeners = new Set<(message: string) => void>();

/**
 * A Rust panic in the engine surfaces as an uncaught `RuntimeError:
 * unreachable` and leaves the pending call unsettled forever. The panic hook
 * reports the message through this global first; use it to fail the call.
 */
function watchPanics(): void {
  type TRegistry = { message: string; set_message(m: string): void };
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: TRegistry };
  const previous = g.PRISMA_WASM_PANIC_REGISTRY;
  g.PRISMA_WASM_PANIC_REGISTRY = {
    message: "",
    set_message(m: string) {
      this.message = `RuntimeError: ${m}`;
      previous?.set_message(m);
      panicMessage = m;
      for (const listener of panicListeners) listener(m);
    },
  };
}

/** Compiles the engine's WebAssembly once per process (about 50 ms). */
function loadEngineModule(): Promise<TEngineModule> {
  if (panicMessage) return Promise.reject(new Error(`The schema engine crashed earlier in this process; restart it. (${panicMessage.split("\n")[0]})`));
  engineModule ??= (async () => {
    watchPanics();
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // The package's main entry imports the .wasm as an ES module, which Node 20 cannot do: instantiate it by hand.
    // Resolved from the working directory so that bundlers leave the lookup to run time.
    const req = createRequire(path.join(process.cwd(), "package.json"));
    const wasmFile = req.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmFile));
    const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  engineModule.catch(() => (engineModule = undefined));
  return engineModule;
}

/** Rejects as soon as the engine panics. */
function panicked(): { promise: Promise<never>; dispose(): void } {
  let listener: (m: string) => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    listener = (m) => reject(new Error(`The schema engine crashed: ${m.split("\n")[0]}`));
    panicListeners.add(listener);
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => panicListeners.delete(listener) };
}

/**
 * Runs `fn` with a schema engine connected to `opts.url`; closes every
 * connection the engine opened, whatever happens. Engine errors are rethrown
 * with a readable message (no Rust backtrace, no passwords).
 */
export async function withSchemaEngine<T>(opts: TSchemaEngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bindings = await loadEngineModule();
  const factory = new EngineAdapterFactory(opts.url, opts.shadowServerUrl ?? opts.url);
  const log = logger.child({ component: "schema-engine" });
  const datamodels: [string, string][] | undefined = opts.schema ? [["schema.prisma", opts.schema]] : undefined;
  const panic = panicked();
  let engine: SchemaEngine | undefined;
  try {
    engine = await bindings.SchemaEngine.new({ datamodels }, (line: string) => log.debug(line), bindMigrationAwareSqlAdapterFactory(factory));
    return await Promise.race([fn(engine), panic.promise]);
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the cause may hold the database URL with its password; the message is redacted
    throw new Error(engineErrorMessage(e));
  } finally {
    panic.dispose();
    if (!panicMessage) engine?.free();
    await factory.close();
  }
}

/** The engine's message without its Rust span trace, and with passwords masked. */
export function engineErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const withoutTrace = raw.split(/\n\s+0: /)[0] ?? raw;
  return redactUrl(withoutTrace.replace(/^external connector error\n/, "").trim());
}

/** Connections for the engine: one pool per database, shadow databases created on demand. */
class EngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "weir-schema-engine-pg";
  private readonly open = new Set<EngineAdapter>();

  constructor(
    private readonly url: string,
    private readonly shadowServerUrl: string,
  ) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.adapterFor(this.url);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `weir_shadow_${crypto.randomBytes(6).toString("hex")}`;
    await adminQuery(this.shadowServerUrl, `CREATE DATABASE "${name}"`);
    return this.adapterFor(withDatabase(this.shadowServerUrl, name), () => adminQuery(this.shadowServerUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.open].map((a) => a.dispose()));
  }

  private async adapterFor(url: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on("connect", markCharColumns);
    const inner = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    const adapter = new EngineAdapter(pool, inner, async () => {
      this.open.delete(adapter);
      await afterDispose?.();
    });
    this.open.add(adapter);
    return adapter;
  }
}

/** PrismaPg's adapter with a whole-script `executeScript` and an idempotent `dispose`. */
class EngineAdapter implements SqlDriverAdapter {
  readonly provider = "postgres" as const;
  readonly adapterName = "weir-schema-engine-pg";
  private disposed?: Promise<void>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly inner: SqlDriverAdapter,
    private readonly afterDispose: () => Promise<void>,
  ) {}

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return typeCharColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.inner.executeRaw(query);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const tx = await this.inner.startTransaction(isolationLevel);
    // Inherit everything from PrismaPg's transaction; only queryRaw changes.
    const wrapped: Transaction = Object.create(tx);
    wrapped.queryRaw = async (query: SqlQuery) => typeCharColumns(await tx.queryRaw(query));
    return wrapped;
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async executeScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (e) {
      throw toDriverAdapterError(e);
    }
  }

  dispose(): Promise<void> {
    this.disposed ??= this.inner.dispose().then(this.afterDispose);
    return this.disposed;
  }
}

function toDriverAdapterError(e: unknown): Error {
  const err = e as pg.DatabaseError;
  if (typeof err?.code !== "string") return e instanceof Error ? e : new Error(String(e));
  return new DriverAdapterError({
    kind: "postgres",
    code: err.code,
    severity: err.severity ?? "ERROR",
    message: err.message,
    detail: err.detail,
    column: err.column,
    hint: err.hint,
  });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function typeCharColumns(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, i) => {
    if (!name.endsWith(CHAR_COLUMN_MARK)) return;
    result.columnNames[i] = name.slice(0, -CHAR_COLUMN_MARK.length);
    result.columnTypes[i] = ColumnTypeEnum.Character;
  });
  return result;
}

type TResultLike = { fields?: { dataTypeID: number; name: string }[] };

/** Passes `"char"` columns (oid 18) through PrismaPg as marked text columns; see typeCharColumns. */
function markCharColumns(client: pg.PoolClient): void {
  const fix = (res: TResultLike | TResultLike[] | undefined) => {
    for (const r of Array.isArray(res) ? res : [res]) {
      for (const f of r?.fields ?? []) {
        if (f.dataTypeID !== PG_CHAR_OID) continue;
        f.dataTypeID = PG_TEXT_OID;
        f.name += CHAR_COLUMN_MARK;
      }
    }
  };
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: TResultLike) => {
        if (!err) fix(res);
        return (last as (err: unknown, res: unknown) => void)(err, res);
      };
      return original(...args);
    }
    const out = original(...args);
    return out instanceof Promise ? out.then((res: TResultLike) => (fix(res), res)) : out;
  };
  (client as unknown as { query: typeof patched }).query = patched;
}
