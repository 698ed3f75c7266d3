/**
 * The pages of one HTTP stream, in order: each GET (with auth, timeout and
 * retries), its body parsed as JSON, its records taken from recordsPath,
 * then the paginator names the next request. Pages are fetched as the
 * consumer pulls them, so a slow destination slows the reads (backpressure)
 * and discover and check can stop after the first page.
 */
import { requestHeaders, secretStrings } from "@/connectors/http/auth";
import type { THttpConfig, THttpStreamConfig } from "@/connectors/http/config";
import { DEFAULT_RETRY_TIMING, type TFetchPolicy, type TRetryTiming, fetchWithRetry } from "@/connectors/http/fetch-with-retry";
import { bodyExcerpt } from "@/connectors/http/http-failure";
import { describeJson, lookupPath } from "@/connectors/http/json-path";
import { isLosslessNumber, parseJson } from "@/connectors/json/exact-json";
import { createPaginator } from "@/connectors/http/pagination";
import { describeUrl, streamUrl } from "@/connectors/http/request-url";
import type { TConnectorContext } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** A parsed response; `exact`: the body holds numbers a double cannot keep, as LosslessNumbers (src/connectors/json/exact-json.ts). */
export type TJsonResponse = { url: URL; headers: Headers; body: unknown; exact: boolean };

export type THttpClient = {
  getJson(url: URL): Promise<TJsonResponse>;
  log: TConnectorContext["log"];
};

export type TClientOptions = {
  timing?: TRetryTiming;
  /** Overrides the configured retries (check uses fewer). */
  maxRetries?: number;
  deadline?: TFetchPolicy["deadline"];
};

export function createHttpClient(config: THttpConfig, ctx: TConnectorContext, options: TClientOptions = {}): THttpClient {
  const policy: TFetchPolicy = {
    headers: requestHeaders(config),
    timeoutMs: config.timeoutSeconds * 1000,
    maxRetries: options.maxRetries ?? config.maxRetries,
    timing: options.timing ?? DEFAULT_RETRY_TIMING,
    secrets: secretStrings(config.auth),
    deadline: options.deadline,
    signal: ctx.signal,
    log: ctx.log,
    notice: (message) => ctx.notice?.(message),
  };
  return {
    log: ctx.log,
    async getJson(url) {
      const res = await fetchWithRetry(url, policy);
      try {
        const { value, exact } = parseJson(res.text);
        return { url: res.url, headers: res.headers, body: value, exact };
      } catch {
        const type = res.headers.get("content-type") ?? "none";
        throw new AppError(
          "CONNECTOR_ERROR",
          `GET ${describeUrl(res.url)} answered ${res.status} with a body that is not JSON (content-type: ${type})${bodyExcerpt(res.text, policy.secrets) || ": an empty body"}.`,
          { url: describeUrl(res.url) },
        );
      }
    },
  };
}

/** The records of one response body: the array at recordsPath (null there means none), every one a JSON object. */
export function extractRecords(body: unknown, stream: THttpStreamConfig, url: URL): Record<string, unknown>[] {
  const found = lookupPath(body, stream.recordsPath);
  const where = stream.recordsPath ? `recordsPath "${stream.recordsPath}"` : "the response body (recordsPath is empty)";
  if (!found.found) {
    throw new AppError("BAD_INPUT", `Stream "${stream.name}": ${where} not found in the response of GET ${describeUrl(url)}: ${found.reason}.`);
  }
  if (found.value === null) return [];
  if (!Array.isArray(found.value)) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${stream.name}": ${where} is ${describeJson(found.value)} in the response of GET ${describeUrl(url)}, not an array of records.`,
    );
  }
  const records = found.value as unknown[];
  const bad = records.findIndex((r) => r === null || typeof r !== "object" || Array.isArray(r) || isLosslessNumber(r));
  if (bad >= 0) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${stream.name}": the records at ${where} must be JSON objects, but record ${bad + 1} of GET ${describeUrl(url)} is ${describeJson(records[bad])}.`,
    );
  }
  return records as Record<string, unknown>[];
}

export type TPage = { url: URL; records: Record<string, unknown>[]; fetchedAt: Date; number: number; exact: boolean };

/** Pages of `stream`, from the first until pagination ends; `params` are added to the first request (e.g. the incremental cursor). */
export async function* fetchPages(
  client: THttpClient,
  config: THttpConfig,
  stream: THttpStreamConfig,
  params: Record<string, string> = {},
): AsyncGenerator<TPage> {
  const paginator = createPaginator(stream.pagination, { stream: stream.name, log: client.log });
  let url: URL | null = paginator.first(streamUrl(config.baseUrl, stream.path, { ...stream.params, ...params }));
  for (let number = 1; url; number += 1) {
    const fetchedAt = new Date();
    const res = await client.getJson(url);
    const records = extractRecords(res.body, stream, res.url);
    yield { url: res.url, records, fetchedAt, number, exact: res.exact };
    url = paginator.next({ url: res.url, body: res.body, headers: res.headers, records });
  }
}

/** The first page only (discover and check). */
export async function firstPage(client: THttpClient, config: THttpConfig, stream: THttpStreamConfig): Promise<TPage> {
  const pages = fetchPages(client, config, stream);
  try {
    const { value } = await pages.next();
    if (!value) throw new AppError("CONNECTOR_ERROR", `Stream "${stream.name}": no first page.`);
    return value;
  } finally {
    await pages.return(undefined);
  }
}
