/**
 * One snowflake-sdk connection and the promise-shaped calls Weir makes on
 * it. Every statement carries a QUERY_TAG (query-tag.ts) as a statement
 * parameter, and its query id is kept so the run that caused it can show it.
 * Results come back with their column types, numbers as exact text (the
 * driver would turn NUMBER(38,0) into a lossy JavaScript number); callers
 * convert them (snowflake-values.ts).
 */
import type snowflake from "snowflake-sdk";

import { type TSnowflake, privateKeyPem } from "@/connectors/snowflake/config";
import { snowflakeError } from "@/connectors/snowflake/snowflake-errors";
import type { Logger } from "@/lib/logger";

let driver: Promise<typeof snowflake> | undefined;

/**
 * snowflake-sdk, loaded on first use: with the AWS, Azure and Google SDKs it
 * brings it takes over a second and ~90 MB to load, which every worker and
 * web process would pay without ever using Snowflake.
 */
function loadDriver(): Promise<typeof snowflake> {
  driver ??= (async () => {
    await import("@/connectors/snowflake/aws-sdk-quiet");
    const loaded = (await import("snowflake-sdk")) as unknown as typeof snowflake & { default?: typeof snowflake };
    const sdk = loaded.default ?? loaded;
    // The driver logs to the console and a file by itself; Weir logs what matters with its own logger.
    sdk.configure({ logLevel: "OFF" });
    return sdk;
  })();
  return driver;
}

export type TSnowflakeColumn = { name: string; type: string; scale: number };
export type TSnowflakeResult = { rows: unknown[][]; columns: TSnowflakeColumn[]; queryId: string };
export type TExecOptions = { binds?: (string | number | boolean | null)[]; tag?: string };

/** Runs one statement of a commit (with the session's query tag); `doing` says what, for the error. */
export type TExec = (sql: string, doing: string, binds?: (string | number | null)[]) => Promise<TSnowflakeResult>;

export type TConnectOptions = {
  log: Logger;
  signal?: AbortSignal;
  /** The QUERY_TAG of statements that name none. */
  tag: string;
  /** Login budget; default 60 s. */
  loginTimeoutMs?: number;
};

const DEFAULT_LOGIN_TIMEOUT_MS = 60_000;

export class SnowflakeConnection {
  private readonly queryIds: string[] = [];

  constructor(
    private readonly raw: snowflake.Connection,
    readonly config: TSnowflake,
    private readonly opts: TConnectOptions,
  ) {}

  /** Runs one statement; a failure becomes an AppError saying what was being done. */
  exec(sql: string, doing: string, options: TExecOptions = {}): Promise<TSnowflakeResult> {
    const { signal } = this.opts;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // eslint-disable-next-line prefer-const -- onAbort, set up before the statement exists, reads it
      let statement: snowflake.RowStatement | undefined;
      const onAbort = () => statement?.cancel(() => undefined);
      signal?.addEventListener("abort", onAbort, { once: true });
      statement = this.raw.execute({
        sqlText: sql,
        binds: options.binds as snowflake.Binds | undefined,
        parameters: { QUERY_TAG: options.tag ?? this.opts.tag },
        rowMode: "array",
        fetchAsString: ["Number"],
        complete: (err, stmt, rows) => {
          signal?.removeEventListener("abort", onAbort);
          const queryId = stmt?.getQueryId?.();
          if (queryId) this.queryIds.push(queryId);
          if (err) return reject(signal?.aborted ? signal.reason : snowflakeError(err, this.config, doing));
          const columns = (stmt.getColumns() ?? []).map((c) => ({ name: c.getName(), type: c.getType(), scale: c.getScale() }));
          resolve({ rows: (rows ?? []) as unknown[][], columns, queryId: queryId ?? "" });
        },
      });
    });
  }

  /** Query ids of the statements run since the last call. */
  takeQueryIds(): string[] {
    return this.queryIds.splice(0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.raw.isUp()) return resolve();
      this.raw.destroy((err) => {
        if (err) this.opts.log.debug({ err: err.message }, "Snowflake: closing a broken connection");
        resolve();
      });
    });
  }
}

function connectionOptions(config: TSnowflake, timeoutMs: number): snowflake.ConnectionOptions {
  const keyPair = config.authMethod === "key_pair";
  return {
    account: config.account,
    username: config.user,
    ...(keyPair ? { authenticator: "SNOWFLAKE_JWT", privateKey: privateKeyPem(config) } : { password: config.password ?? "" }),
    ...(config.role ? { role: config.role } : {}),
    warehouse: config.warehouse,
    database: config.database,
    schema: config.schema,
    ...(config.accessUrl ? { accessUrl: config.accessUrl.replace(/\/+$/, "") } : {}),
    application: "Weir",
    // No connection-level queryTag: the driver would put it over every statement's own QUERY_TAG.
    timeout: timeoutMs,
    sfRetryMaxLoginRetries: 1,
    // With fetchAsString the driver would otherwise spell a NULL number as the text "NULL".
    representNullAsStringNull: false,
  };
}

/** Signs in; failures name the cause (unknown account, wrong password, unreachable host) without the secret. */
export async function connectSnowflake(config: TSnowflake, opts: TConnectOptions): Promise<SnowflakeConnection> {
  const timeoutMs = opts.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
  const raw = (await loadDriver()).createConnection(connectionOptions(config, timeoutMs));
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      raw.connect((err) => {
        signal.removeEventListener("abort", onAbort);
        if (err) reject(err);
        else resolve();
      });
    });
  } catch (e) {
    raw.destroy(() => undefined);
    opts.signal?.throwIfAborted();
    throw snowflakeError(deadline.aborted ? new Error(`no answer within ${timeoutMs / 1000} s`) : e, config, "signing in");
  }
  return new SnowflakeConnection(raw, config, opts);
}
