/**
 * The one scrubber for secrets in text: every error, log line, run log line
 * and delivery record goes through `scrubSecrets` before it is stored, logged
 * or sent. It replaces with "[secret]":
 *
 * - the values the caller names (the secrets of the object at hand: a
 *   connector's or a channel's configuration, see `redactSecrets` in
 *   src/connectors/spec.ts), from 3 characters on (a 1-letter password
 *   would turn every "a" into a mark);
 * - every secret this process has sealed or unsealed (src/lib/secret-box.ts
 *   calls `rememberSecret`) or read from its environment (WEIR_SMTP_URL,
 *   DATABASE_URL's password, OIDC_CLIENT_SECRET, …), from 4 characters on, so
 *   the logger, which does not know which object a line is about, still
 *   removes them;
 * - the password (or lone user part) of any URL's userinfo, the value of
 *   well-known secret headers (Authorization, Cookie, X-API-Key, …) and of
 *   secret-looking query parameters (token=, api_key=, …).
 *
 * Each value is looked for in the forms drivers and servers echo it in: as
 * is, URL-encoded, JSON-escaped (once and twice), base64, each line of a
 * multi-line value, and for a URL its password, path and query values.
 */

/** What replaces a secret in text. */
export const SECRET_MARK = "[secret]";

/** Named values shorter than this are left alone: they would mangle ordinary words. */
const MIN_NAMED = 3;
/** Remembered secrets shorter than this are left to callers that know their object (a 1-letter password would blank every log line). */
const MIN_REMEMBERED = 4;
/** The registry keeps the most recent secrets; a long-running process sees only its own objects' secrets, far fewer. */
const MAX_REMEMBERED = 5000;

const remembered = new Set<string>();
let rememberedVersion = 0;

const SECRET_ENV = [
  "WEIR_SMTP_URL",
  "DATABASE_URL",
  "OIDC_CLIENT_SECRET",
  "NEXTAUTH_SECRET",
  "WEIR_ADMIN_PASSWORD",
  "WEIR_SECRET_KEY",
  "WEIR_SECRET_KEY_PREVIOUS",
  "WEIR_METRICS_TOKEN",
];
/** URL-valued variables whose only secret is the password in them (the rest, host and database, is fine to log). */
const URL_ONLY_PASSWORD = new Set(["DATABASE_URL"]);

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@"'<>]*):([^\s/?#@"'<>]*)@/gi;
const URL_USER_ONLY = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@"'<>]+)@/gi;
const SECRET_HEADER =
  /\b(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|cookie|set-cookie)(\\?["']?\s*[:=]\s*\\?["']?)((?:bearer|basic|token|digest|negotiate|apikey)\s+)?([^"'\s,;}\\&]+)/gi;
const SECRET_PARAM = /([?&](?:token|access_token|refresh_token|api_key|apikey|key|password|passwd|secret|client_secret|sig|signature)=)([^&\s"'#<>\\]+)/gi;

function urlForms(value: string): string[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !URL.canParse(value)) return [];
  const url = new URL(value);
  const forms: string[] = [];
  if (url.password) forms.push(url.password, safeDecode(url.password));
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (pathAndQuery.length > 1) forms.push(pathAndQuery, url.pathname.length > 1 ? url.pathname : "");
  for (const [, v] of url.searchParams) forms.push(v, encodeURIComponent(v));
  return forms;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The forms of a secret value that text may contain it in; empty strings left out. */
export function secretForms(value: string): string[] {
  if (!value) return [];
  const json = JSON.stringify(value).slice(1, -1);
  const forms = [value, encodeURIComponent(value), json, JSON.stringify(json).slice(1, -1), ...urlForms(value)];
  if (value.length >= 6) forms.push(Buffer.from(value, "utf8").toString("base64").replace(/=+$/, ""));
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) forms.push(line.trim());
  return [...new Set(forms.filter((f) => f.length > 0))];
}

/** Makes this process scrub `value` (in all its forms) from everything it logs, stores or sends. */
export function rememberSecret(value: string | null | undefined): void {
  if (!value) return;
  for (const form of secretForms(value)) {
    if (form.length < MIN_REMEMBERED || remembered.has(form)) continue;
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.values().next().value!);
    remembered.add(form);
    rememberedVersion += 1;
  }
}

let cachedEnv: { raw: string; forms: string[] } | undefined;

/** The forms of the environment's secrets, recomputed only when one of those variables changed. */
function envSecrets(): string[] {
  const raw = SECRET_ENV.map((name) => process.env[name] ?? "").join("\0");
  if (cachedEnv?.raw !== raw) cachedEnv = { raw, forms: envSecretForms() };
  return cachedEnv.forms;
}

function envSecretForms(): string[] {
  const out: string[] = [];
  for (const name of SECRET_ENV) {
    const value = process.env[name];
    if (!value) continue;
    if (URL_ONLY_PASSWORD.has(name)) {
      if (URL.canParse(value)) {
        const { password } = new URL(value);
        if (password) out.push(...secretForms(safeDecode(password)), password);
      }
    } else out.push(...secretForms(value));
  }
  return out.filter((f) => f.length >= MIN_REMEMBERED);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function alternation(values: Iterable<string>): RegExp | null {
  const sorted = [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  return sorted.length ? new RegExp(sorted.map(escapeRegExp).join("|"), "g") : null;
}

let cachedKnown: { key: string; pattern: RegExp | null } | undefined;

/** One pattern of every remembered and environment secret, rebuilt only when either changed. */
function knownPattern(): RegExp | null {
  const env = envSecrets();
  const key = `${rememberedVersion}\0${env.join("\0")}`;
  if (cachedKnown?.key !== key) cachedKnown = { key, pattern: alternation([...remembered, ...env]) };
  return cachedKnown.pattern;
}

/**
 * `text` without secrets: the given values (all their forms), every secret
 * this process knows, URL userinfo, secret headers and query parameters.
 */
export function scrubSecrets(text: string, values: Iterable<string> = []): string {
  if (!text) return text;
  let out = text;
  const own = alternation([...values].flatMap(secretForms).filter((f) => f.length >= MIN_NAMED));
  if (own) out = out.replace(own, SECRET_MARK);
  const known = knownPattern();
  if (known) out = out.replace(known, SECRET_MARK);
  return out
    .replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${SECRET_MARK}@`)
    .replace(URL_USER_ONLY, (m, scheme: string, user: string) => (user === SECRET_MARK ? m : `${scheme}${SECRET_MARK}@`))
    .replace(SECRET_HEADER, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ""}${SECRET_MARK}`)
    .replace(SECRET_PARAM, (_m, key: string) => `${key}${SECRET_MARK}`);
}

/** An error's message and stack scrubbed in place (for errors thrown on to code that stores them, e.g. the job queue's last_error). */
export function scrubError<T>(err: T, values: Iterable<string> = []): T {
  if (err instanceof Error) {
    const list = [...values];
    err.message = scrubSecrets(err.message, list);
    if (err.stack) err.stack = scrubSecrets(err.stack, list);
  }
  return err;
}
