/**
 * What went wrong with one HTTP request, said so a person can act on it:
 * network failures by cause (unknown host, refused, reset, timed out) and
 * error responses by status, URL (host and path, secrets masked) and a
 * short excerpt of the body with configured secrets scrubbed. Also which
 * failures are worth retrying. Pure.
 */
import { STATUS_CODES } from "node:http";

import { scrubSecrets } from "@/connectors/http/auth";
import { describeUrl } from "@/connectors/http/request-url";
import { AppError } from "@/lib/app-error";

const EXCERPT_CHARS = 200;

/** A request that got no HTTP response. */
export type TNetworkFailure = {
  kind: "unknown-host" | "refused" | "timeout" | "other";
  /** Human-readable cause, e.g. "connection refused by 127.0.0.1:9". */
  message: string;
  /** The cause in a few words without URL or query ("connection refused", "ECONNRESET"), for the run's log. */
  brief: string;
};

/** A response's status as "404 Not Found". */
export function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ""}`.trim();
}

/** Up to 200 characters of a body, whitespace collapsed and secrets scrubbed, as `: "…"`; "" for an empty body. */
export function bodyExcerpt(text: string, secrets: readonly string[]): string {
  const flat = scrubSecrets(text, secrets).replace(/\s+/g, " ").trim();
  if (!flat) return "";
  return `: "${flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat}"`;
}

function errorCode(e: unknown): string | undefined {
  if (!e || typeof e !== "object") return undefined;
  const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  if (Array.isArray(errors) && errors.length) return errorCode(errors[0]);
  return cause ? errorCode(cause) : undefined;
}

/** Classifies what fetch threw (undici puts the system error in `cause`). */
export function networkFailure(e: unknown, url: URL, timeoutMs: number, timedOut: boolean): TNetworkFailure {
  const code = errorCode(e);
  const where = url.host;
  if (timedOut || code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return { kind: "timeout", message: `no response from ${where} within ${seconds} s (GET ${describeUrl(url)})`, brief: `no response within ${seconds} s` };
  }
  if (code === "ENOTFOUND") return { kind: "unknown-host", message: `unknown host "${url.hostname}": the name does not resolve`, brief: "unknown host" };
  if (code === "ECONNREFUSED")
    return { kind: "refused", message: `${where} refused the connection (is the API running, and is the port right?)`, brief: "connection refused" };
  const cause = code ?? (e instanceof Error ? e.message : String(e));
  return { kind: "other", message: `GET ${describeUrl(url)} failed before a response: ${cause}`, brief: code ?? "network error" };
}

/** A failure that retrying cannot fix: everything but DNS hiccups, refusals, resets and timeouts is retried. */
export function isPermanentNetworkFailure(failure: TNetworkFailure): boolean {
  return failure.kind === "unknown-host";
}

/** Retried statuses: rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export type TFailedResponse = { url: URL; status: number; text: string };

/** The error of a response that is not retried (4xx other than 429). */
export function responseError(res: TFailedResponse, secrets: readonly string[]): AppError {
  const what = `${statusLine(res.status)} from GET ${describeUrl(res.url)}${bodyExcerpt(res.text, secrets)}`;
  const details = { status: res.status, url: describeUrl(res.url) };
  if (res.status === 401 || res.status === 403) return new AppError("BAD_INPUT", `The API refused the credentials (${what}).`, details);
  return new AppError("BAD_INPUT", `The API answered ${what}.`, details);
}

/** The error after the last retry of a retryable response. */
export function exhaustedResponseError(res: TFailedResponse, attempts: number, secrets: readonly string[], reason = ""): AppError {
  const what = `${statusLine(res.status)} from GET ${describeUrl(res.url)}${bodyExcerpt(res.text, secrets)}`;
  const message = `The API kept failing: ${what}; gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}${reason}.`;
  return new AppError(res.status === 429 ? "RATE_LIMITED" : "CONNECTOR_ERROR", message, { status: res.status, url: describeUrl(res.url), attempts });
}

/** The error of a request that got no response. */
export function networkError(failure: TNetworkFailure, attempts: number, reason = ""): AppError {
  if (isPermanentNetworkFailure(failure)) return new AppError("BAD_INPUT", `${capitalize(failure.message)}.`, { kind: failure.kind });
  const tail = attempts > 1 ? `; gave up after ${attempts} attempts${reason}` : "";
  return new AppError("CONNECTOR_ERROR", `${capitalize(failure.message)}${tail}.`, { kind: failure.kind, attempts });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
