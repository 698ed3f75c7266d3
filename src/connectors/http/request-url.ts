/**
 * Request URLs of the HTTP source: a stream's path appended to the base URL
 * with query parameters, and the form a URL takes in logs and errors (host,
 * path and query, with the values of secret-looking parameters masked).
 * Pure.
 */
import { SECRET_MARK } from "@/lib/secret-scrub";

/** Query parameter names whose values are never shown. */
const SECRET_PARAM = /token|key|secret|pass|auth|sig|session|credential|code/i;

/**
 * `base` + `path`, joined as text: "https://h/v1" + "/orders" is
 * "https://h/v1/orders" (URL resolution would drop "/v1").
 */
export function streamUrl(base: string, path: string, params: Readonly<Record<string, string>> = {}): URL {
  const url = new URL(`${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

/** A copy of `url` with `params` set. */
export function withParams(url: URL, params: Readonly<Record<string, string>>): URL {
  const next = new URL(url);
  for (const [name, value] of Object.entries(params)) next.searchParams.set(name, value);
  return next;
}

/** `host/path?query` for messages: no scheme noise, no credentials, secret-looking query values masked. */
export function describeUrl(url: URL): string {
  const query = [...url.searchParams.entries()].map(([name, value]) => `${name}=${SECRET_PARAM.test(name) ? SECRET_MARK : value}`);
  return `${url.host}${url.pathname}${query.length ? `?${query.join("&")}` : ""}`;
}
