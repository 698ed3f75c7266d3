/**
 * One GET with retries: 429, 5xx and network failures are retried with
 * exponential backoff and jitter, or after the server's Retry-After
 * (seconds or an HTTP date), capped; other 4xx fail at once. Each attempt
 * has a timeout that covers the body; the caller's signal aborts at any
 * point, waits included. Redirects are followed only within the same origin,
 * so credentials never go to another host. Each retry and its wait is
 * logged and told to the run's log (`notice`): host and path, status or
 * cause, the wait; never the query (it may hold keys), a body or a secret.
 */
import {
  type TNetworkFailure,
  bodyExcerpt,
  exhaustedResponseError,
  isPermanentNetworkFailure,
  isRetryableStatus,
  networkError,
  networkFailure,
  responseError,
  statusLine,
} from "@/connectors/http/http-failure";
import { scrubSecrets } from "@/connectors/http/auth";
import { describeUrl } from "@/connectors/http/request-url";
import { AppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

const MAX_REDIRECTS = 5;

/** Backoff timing; tests shorten it. */
export type TRetryTiming = {
  /** Wait before the first retry; doubles with each retry. Default 1 s. */
  baseDelayMs: number;
  /** Longest backoff wait. Default 30 s. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one is waited this long. Default 60 s. */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY_TIMING: TRetryTiming = { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

export type TFetchPolicy = {
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
  maxRetries: number;
  timing: TRetryTiming;
  /** Secret strings to scrub from error text. */
  secrets: readonly string[];
  /** No request or wait goes past `at` (epoch ms): the last failure is reported instead, saying `limit` ("the check's 10 s"). */
  deadline?: { at: number; limit: string };
  signal: AbortSignal;
  log: Logger;
  /** A line for the run's log (TConnectorContext.notice): each retry and its wait. */
  notice?: (message: string) => void;
  /** Source of jitter in [0, 1); default Math.random. */
  random?: () => number;
};

export type THttpResponse = { url: URL; status: number; headers: Headers; text: string };

/** A Retry-After header → milliseconds to wait from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The run-log line of a retry: `GET host/path` (no query, secrets
 * scrubbed), what went wrong in a few words, the wait and which retry.
 */
export function retryNotice(
  url: URL,
  what: string,
  wait: { ms: number; retryAfter: boolean },
  retry: number,
  maxRetries: number,
  secrets: readonly string[],
): string {
  const where = scrubSecrets(`${url.host}${url.pathname}`, secrets);
  const seconds = (wait.ms / 1000).toFixed(1);
  return `HTTP source: GET ${where} ${what}; waiting ${seconds} s${wait.retryAfter ? " as its Retry-After asks" : ""}, then retry ${retry} of ${maxRetries}.`;
}

/** Exponential backoff with "equal jitter": half the step for sure, the other half random. */
export function backoffDelay(retry: number, timing: TRetryTiming, random: () => number = Math.random): number {
  const step = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

type TAttempt = { ok: true; response: THttpResponse } | { ok: false; response: THttpResponse } | { ok: false; failure: TNetworkFailure };

/** One attempt, following same-origin redirects; never throws for HTTP or network failures. */
async function attempt(url: URL, policy: TFetchPolicy, timeoutMs: number): Promise<TAttempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([policy.signal, timeout]);
  let current = url;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const res = await fetch(current, { headers: policy.headers, signal, redirect: "manual" });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, current);
        if (next.origin !== url.origin) {
          throw new AppError(
            "BAD_INPUT",
            `GET ${describeUrl(current)} redirects to another host (${next.host}); Weir does not send credentials there. Use that host in the base URL.`,
          );
        }
        if (redirects >= MAX_REDIRECTS) throw new AppError("CONNECTOR_ERROR", `GET ${describeUrl(url)} redirected more than ${MAX_REDIRECTS} times.`);
        current = next;
        continue;
      }
      const response = { url: current, status: res.status, headers: res.headers, text: await res.text() };
      return res.ok ? { ok: true, response } : { ok: false, response };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    policy.signal.throwIfAborted();
    return { ok: false, failure: networkFailure(e, current, timeoutMs, timeout.aborted) };
  }
}

/** GETs `url`, retrying as the policy allows; resolves with a 2xx response or throws an AppError. */
export async function fetchWithRetry(url: URL, policy: TFetchPolicy): Promise<THttpResponse> {
  const random = policy.random ?? Math.random;
  for (let retry = 0; ; retry += 1) {
    policy.signal.throwIfAborted();
    const remaining = policy.deadline ? policy.deadline.at - Date.now() : Number.POSITIVE_INFINITY;
    const timeoutMs = Math.max(1, Math.min(policy.timeoutMs, remaining));
    const result = await attempt(url, policy, timeoutMs);
    if (result.ok) return result.response;
    const attempts = retry + 1;

    let wait: number;
    let retryAfter: number | null = null;
    if ("failure" in result) {
      if (isPermanentNetworkFailure(result.failure) || retry >= policy.maxRetries) throw networkError(result.failure, attempts);
      wait = backoffDelay(retry, policy.timing, random);
    } else {
      const { response } = result;
      if (!isRetryableStatus(response.status)) throw responseError(response, policy.secrets);
      if (retry >= policy.maxRetries) throw exhaustedResponseError(response, attempts, policy.secrets);
      retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      wait = retryAfter === null ? backoffDelay(retry, policy.timing, random) : Math.min(retryAfter, policy.timing.maxRetryAfterMs);
    }

    if (policy.deadline && Date.now() + wait >= policy.deadline.at) {
      const reason = `, as another would pass ${policy.deadline.limit} limit`;
      if ("failure" in result) throw networkError(result.failure, attempts, reason);
      throw exhaustedResponseError(result.response, attempts, policy.secrets, reason);
    }
    const what = "failure" in result ? result.failure.message : `${statusLine(result.response.status)}${bodyExcerpt(result.response.text, policy.secrets)}`;
    policy.log.warn({ url: describeUrl(url), attempt: attempts, waitMs: wait }, `HTTP source: GET failed (${what}); retrying`);
    const brief = "failure" in result ? `got no response (${result.failure.brief})` : `answered ${statusLine(result.response.status)}`;
    policy.notice?.(retryNotice(url, brief, { ms: wait, retryAfter: retryAfter !== null }, attempts, policy.maxRetries, policy.secrets));
    await sleep(wait, policy.signal);
  }
}
