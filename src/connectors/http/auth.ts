/**
 * Request headers of the HTTP source: Accept JSON, the configured extra
 * headers, then the auth header (which wins over an extra header of the
 * same name). Also lists the secret strings of a configuration, so error
 * text an API echoes back can be scrubbed of them. Pure.
 */
import type { THttpAuth, THttpConfig } from "@/connectors/http/config";
import { scrubSecrets as scrubText } from "@/lib/secret-scrub";

export function authHeaders(auth: THttpAuth): Record<string, string> {
  switch (auth.type) {
    case "none":
      return {};
    case "bearer":
      return { authorization: `Bearer ${auth.token}` };
    case "basic":
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}` };
    case "apiKey":
      return { [auth.headerName.toLowerCase()]: auth.headerValue };
  }
}

export function requestHeaders(config: THttpConfig): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "Weir HTTP source" };
  for (const [name, value] of Object.entries(config.headers)) headers[name.toLowerCase()] = value;
  return { ...headers, ...authHeaders(config.auth) };
}

/** Every secret string of the configuration (and its encodings on the wire), longest first. */
export function secretStrings(auth: THttpAuth): string[] {
  const found: string[] = [];
  if (auth.type === "bearer") found.push(auth.token);
  if (auth.type === "basic") found.push(auth.password, Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64"));
  if (auth.type === "apiKey") found.push(auth.headerValue);
  return found.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by "[secret]": Weir's one secret scrubber (src/lib/secret-scrub.ts). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return scrubText(text, secrets);
}
