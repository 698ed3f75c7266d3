/**
 * The HTTP JSON API source: one stream per configured endpoint, with bearer,
 * basic or API-key auth, page / offset / cursor / Link-header pagination, a
 * records path into the body, retries with backoff, and incremental reads by
 * a cursor field (sent as a query parameter and filtered here). Columns are
 * inferred from the first page. See docs/connectors/http.md.
 */
import { type THttpConfig, type THttpSourceConfig, type THttpStreamConfig, parseHttpConfig } from "@/connectors/http/config";
import { discoverHttpStream } from "@/connectors/http/discover-stream";
import { createHttpClient, firstPage } from "@/connectors/http/fetch-pages";
import { DEFAULT_RETRY_TIMING, type TRetryTiming } from "@/connectors/http/fetch-with-retry";
import { readHttpStream } from "@/connectors/http/read-stream";
import { HTTP_SPEC } from "@/connectors/http/spec";
import type { TSourceConnector } from "@/connectors/source-connector";
import type { TCatalog, TCheckResult, TConnectorContext, TReadOptions, TReadRequest, TRecordBatch } from "@/connectors/types";
import { AppError, isAppError } from "@/lib/app-error";

export type { THttpSourceConfig } from "@/connectors/http/config";

/** Batch bounds when the caller sets none. */
export const DEFAULT_MAX_BATCH_ROWS = 10_000;
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Everything check does fits in this. */
export const CHECK_TIME_LIMIT_MS = 10_000;
/** Check retries a failing request at most this often, within its time limit. */
const CHECK_MAX_RETRIES = 2;

export type THttpSourceOptions = {
  /** Backoff timing (tests shorten it); default 1 s doubling to 30 s, Retry-After honoured up to 60 s. */
  retryTiming?: TRetryTiming;
  /** Check's overall time limit; default 10 s. */
  checkTimeLimitMs?: number;
};

function configuredStream(config: THttpConfig, request: TReadRequest): THttpStreamConfig {
  const stream = config.streams.find((s) => s.name === request.stream.name);
  if (!stream) {
    throw new AppError("BAD_INPUT", `The HTTP source has no stream "${request.stream.name}" (configured: ${config.streams.map((s) => s.name).join(", ")}).`);
  }
  return stream;
}

/** The HTTP source with the given timing; `connector` is the one Weir uses. */
export function createHttpSource(options: THttpSourceOptions = {}): TSourceConnector<THttpSourceConfig> {
  const timing = options.retryTiming ?? DEFAULT_RETRY_TIMING;
  const checkLimitMs = options.checkTimeLimitMs ?? CHECK_TIME_LIMIT_MS;

  async function check(config: THttpSourceConfig, ctx: TConnectorContext): Promise<TCheckResult> {
    let current: string | undefined;
    try {
      const parsed = parseHttpConfig(config);
      const at = Date.now() + checkLimitMs;
      const deadline = { at, limit: `the check's ${Math.round(checkLimitMs / 1000)} s` };
      const client = createHttpClient(parsed, ctx, { timing, deadline, maxRetries: Math.min(parsed.maxRetries, CHECK_MAX_RETRIES) });
      for (const [index, stream] of parsed.streams.entries()) {
        if (index > 0 && Date.now() >= at) {
          ctx.log.info({ skipped: parsed.streams.slice(index).map((s) => s.name) }, "HTTP source: check ran out of time; later streams not checked");
          break;
        }
        current = stream.name;
        await firstPage(client, parsed, stream);
      }
      return { ok: true };
    } catch (e) {
      ctx.signal.throwIfAborted();
      const prefix = current ? `Stream "${current}": ` : "";
      if (isAppError(e)) return { ok: false, message: e.message.startsWith("Stream ") ? e.message : `${prefix}${e.message}` };
      ctx.log.warn({ err: e }, "HTTP source: check failed unexpectedly");
      return { ok: false, message: `${prefix}HTTP source: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  async function discover(config: THttpSourceConfig, ctx: TConnectorContext): Promise<TCatalog> {
    const parsed = parseHttpConfig(config);
    const client = createHttpClient(parsed, ctx, { timing });
    const streams = [];
    for (const stream of parsed.streams) streams.push(await discoverHttpStream(client, parsed, stream));
    return { streams };
  }

  async function* read(config: THttpSourceConfig, requests: TReadRequest[], opts: TReadOptions): AsyncGenerator<TRecordBatch> {
    const parsed = parseHttpConfig(config);
    const streams = requests.map((request) => ({ request, stream: configuredStream(parsed, request) }));
    const client = createHttpClient(parsed, opts, { timing });
    const limits = { maxRows: opts.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS, maxBytes: opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES };
    for (const { request, stream } of streams) {
      yield* readHttpStream({ client, config: parsed, stream, request, limits, signal: opts.signal });
    }
  }

  return { kind: "source", name: "http", title: "HTTP JSON API", spec: HTTP_SPEC, check, discover, read };
}

export const connector: TSourceConnector<THttpSourceConfig> = createHttpSource();
