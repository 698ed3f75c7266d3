/**
 * Dotted paths into a JSON response body ("data.items", "meta.next_cursor",
 * "results.0.rows"): where the records are and where the next cursor is. An
 * empty path is the body itself. Lookups that fail say how far they got, so
 * a wrong recordsPath can be fixed from the error alone. Pure.
 */
import { isLosslessNumber } from "@/connectors/json/exact-json";

export type TPathLookup = { found: true; value: unknown } | { found: false; reason: string };

function splitPath(path: string): string[] {
  return path.trim() === "" ? [] : path.split(".");
}

/** A short description of a JSON value's shape, for error messages. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isLosslessNumber(value)) return "a number";
  if (typeof value === "object") {
    const keys = Object.keys(value);
    const shown = keys
      .slice(0, 10)
      .map((k) => JSON.stringify(k))
      .join(", ");
    return keys.length ? `an object with keys ${shown}${keys.length > 10 ? ", …" : ""}` : "an empty object";
  }
  return `a ${typeof value}`;
}

/** The value at `path` in `body`, or why there is none. */
export function lookupPath(body: unknown, path: string): TPathLookup {
  let current = body;
  const walked: string[] = [];
  for (const key of splitPath(path)) {
    const where = walked.length ? `"${walked.join(".")}"` : "the response body";
    if (Array.isArray(current) && /^\d+$/.test(key) && Number(key) < current.length) {
      current = current[Number(key)];
    } else if (current !== null && typeof current === "object" && !Array.isArray(current) && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false, reason: `there is no "${key}" in ${where}, which is ${describeJson(current)}` };
    }
    walked.push(key);
  }
  return { found: true, value: current };
}
