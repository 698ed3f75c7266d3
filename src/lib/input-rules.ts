/**
 * The input rules of every API edge, written once: text that PostgreSQL can
 * store (no NUL, no lone UTF-16 surrogate), length bounds by kind of text,
 * bounded numbers and dates, digit-string ids that fit a bigint, and a limit
 * on how deep JSON may nest. tRPC procedures apply `findUnsafeInput` to their
 * whole raw input (src/server/trpc.ts), the API routes to their bodies
 * (src/server/api/), and the zod contracts build their fields from the
 * builders below. Documented in docs/security.md, "Input rules".
 */
import { z } from "zod";

/** JSON deeper than this is refused at the edge: no real input nests so deep, and deep values overflow parsers and PostgreSQL's jsonb. */
export const MAX_JSON_DEPTH = 64;

/** Length bounds by kind of text. */
export const TEXT_LIMITS = {
  /** Names of things people create: users, tokens, channels, connections. */
  name: 200,
  /** Identifiers of data: dataset, job and column names, namespaces, selectors. */
  identifier: 1_000,
  /** Descriptions, reasons, search text. */
  text: 10_000,
  /** SQL and other code. */
  code: 200_000,
} as const;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (matched on UTF-16 code units: no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL (or any UTF-8 consumer) cannot take this text, or null when it can. */
export function unsafeTextReason(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (LONE_SURROGATE.test(s)) return "contains a lone UTF-16 surrogate, which is not valid Unicode";
  return null;
}

/** Where (keys from the top of the input) and what is wrong. */
export type TInputIssue = { path: string[]; message: string };

/**
 * The first place in a decoded input (any JSON-like value) that breaks the
 * rules: unsafe text in a string or an object key, or nesting deeper than
 * `maxDepth`. Iterative, so a hostile depth cannot overflow the stack.
 */
export function findUnsafeInput(value: unknown, maxDepth: number = MAX_JSON_DEPTH): TInputIssue | null {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) return { path, message: reason };
    } else if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      if (depth >= maxDepth) return { path, message: `nests deeper than ${maxDepth} levels` };
      for (const [key, child] of Object.entries(v)) {
        const reason = unsafeTextReason(key);
        if (reason) return { path, message: `has a key that ${reason}` };
        stack.push({ value: child, path: [...path, key], depth: depth + 1 });
      }
    }
  }
  return null;
}

/** How deep a JSON text nests, read without parsing it (so a hostile depth costs one pass and no recursion). */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) max = Math.max(max, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** The one-line description of an issue, naming the field as zod messages do. */
export const describeInputIssue = (issue: TInputIssue): string => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);

/** A string PostgreSQL can store; the base of every text field of an input. */
export function zSafeString(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).superRefine((s, ctx) => {
    const reason = unsafeTextReason(s);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
}

/** A name a person gives (trimmed, 1..max characters). */
export function zName(max: number = TEXT_LIMITS.name) {
  return zSafeString()
    .trim()
    .min(1, "is required")
    .max(max, `has at most ${max.toLocaleString("en")} characters`);
}

/** An identifier of data (a dataset, job or column name, a stream, a selector): 1..max characters, not trimmed. */
export function zIdentifier(max: number = TEXT_LIMITS.identifier) {
  return zSafeString()
    .min(1, "is required")
    .max(max, `has at most ${max.toLocaleString("en")} characters`);
}

/** Free text that may be empty (descriptions, filters, search text). */
export function zText(max: number = TEXT_LIMITS.text) {
  return zSafeString().max(max, `is longer than ${max.toLocaleString("en")} characters`);
}

/** SQL or other code: 1..max characters. */
export function zCode(max: number = TEXT_LIMITS.code) {
  return zSafeString()
    .min(1, "is required")
    .max(max, `is longer than ${max.toLocaleString("en")} characters`);
}

/** A bigint id or cursor sent as digits: at most 18 of them, so it always fits PostgreSQL's bigint. */
export function zDigitId(what: string) {
  return z.string().regex(/^\d{1,18}$/, `must be ${what} (at most 18 digits)`);
}

/**
 * A date PostgreSQL's timestamp holds and a person could mean: years 1900 to
 * 9999, sent as a Date (superjson) or as ISO text. Not coerced from anything
 * else: `new Date(null)` would quietly be 1970.
 */
export function zDateInput() {
  return z
    .union([z.date(), zSafeString().max(64, "must be a date")], { message: "must be a date" })
    .pipe(
      z.coerce
        .date<string | Date>({ message: "must be a date" })
        .min(new Date("1900-01-01T00:00:00Z"), "must be after 1900")
        .max(new Date("9999-12-31T23:59:59Z"), "must be before the year 10000"),
    );
}

/** Any JSON value (a config, a facet, an uploaded artifact) whose every string and key is safe and that nests at most MAX_JSON_DEPTH deep. */
export function zJsonValue() {
  return z.unknown().superRefine((v, ctx) => {
    const issue = findUnsafeInput(v);
    if (issue) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}

/** A JSON object of settings (connector and channel configs). */
export function zJsonObject() {
  return z.record(zSafeString().max(TEXT_LIMITS.name), z.unknown()).superRefine((v, ctx) => {
    const issue = findUnsafeInput(v);
    if (issue) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}
