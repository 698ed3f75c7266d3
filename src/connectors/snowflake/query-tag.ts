/**
 * The QUERY_TAG of every statement Weir sends to Snowflake: a JSON object
 * naming the app (the destination's "query tag" setting), the Weir run and
 * what it belongs to, so ACCOUNT_USAGE.QUERY_HISTORY can attribute cost to
 * connections, streams and models:
 *
 *   {"app":"weir","kind":"sync","run":"<run id>","connection":"<id>","stream":"public.orders"}
 *
 * Snowflake allows 2,000 characters; long values are cut. Pure.
 */
import type { TRunAttribution } from "@/connectors/types";

export const MAX_QUERY_TAG = 2000;

export function queryTag(app: string, attribution: TRunAttribution | undefined, extra: Record<string, string> = {}): string {
  const given = Object.entries(attribution ?? {}).filter((e): e is [string, string] => typeof e[1] === "string");
  const tag: Record<string, string> = { app, ...Object.fromEntries(given), ...extra };
  let text = JSON.stringify(tag);
  if (text.length <= MAX_QUERY_TAG) return text;
  const cut: Record<string, string> = Object.fromEntries(Object.entries(tag).map(([k, v]) => [k, v.slice(0, 200)]));
  text = JSON.stringify(cut);
  return text.length <= MAX_QUERY_TAG ? text : JSON.stringify({ app: app.slice(0, 200), ...(attribution?.run ? { run: attribution.run } : {}) });
}
