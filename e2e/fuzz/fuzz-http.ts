/**
 * What the fuzz specs share: callers signed in over HTTP as every role, one
 * tRPC call as the browser's client makes it (GET for queries, POST for
 * mutations, superjson's envelope), a small concurrency pool, the verdict
 * on one answer, row counts of the tables a refused call must not touch,
 * and the input schemas printed by src/cli/print-input-schemas.ts.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

import type { TInputSchemas } from "../../src/server/testing/input-schemas";
import { type TSession, signInOverHttp, trpcMutation } from "../../src/bench/catalog-http";
import { ROLES, type TRole, satisfiesTier, type TTier } from "../../src/server/roles";
import { type TVariant, toJsonText } from "./hostile-inputs";
import type { TWeirRun } from "../support/weir";

export type TCaller = { role: TRole | null; session: TSession | null };
export type TAnswer = { status: number; text: string };

const root = path.resolve(__dirname, "..", "..");

/** The input schema of every procedure and route, from the app's own zod schemas. */
export function readInputSchemas(): TInputSchemas {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(root, "src/cli/print-input-schemas.ts")], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "silent" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as TInputSchemas;
}

/** Anonymous, and one signed-in caller per role (the admin of the run, and a user per other role it creates). */
export async function callersOfEveryRole(run: TWeirRun): Promise<{ callers: TCaller[]; admin: TSession }> {
  const admin = await signInOverHttp(run.baseURL, run.admin.email, run.admin.password);
  const callers: TCaller[] = [{ role: null, session: null }];
  for (const role of ROLES) {
    if (role === "admin") {
      callers.push({ role, session: admin });
      continue;
    }
    const email = `fuzz-${role}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.com`;
    const password = `fuzz-${role}-password-${Math.random().toString(36).slice(2)}`;
    await trpcMutation(run.baseURL, admin, "user.create", { email, role, password });
    callers.push({ role, session: await signInOverHttp(run.baseURL, email, password) });
  }
  return { callers, admin };
}

/** The superjson envelope tRPC's client sends, or undefined for no input. */
function envelope(v: TVariant): string | undefined {
  if (v.value === undefined) return undefined;
  return toJsonText({ json: v.value, ...(v.meta ? { meta: { values: v.meta } } : {}) });
}

export function trpcCall(baseURL: string, proc: { path: string; type: string }, v: TVariant, caller: TCaller): Promise<TAnswer> {
  return answered(() => trpcRequest(baseURL, proc, v, caller));
}

async function trpcRequest(baseURL: string, proc: { path: string; type: string }, v: TVariant, caller: TCaller): Promise<TAnswer> {
  const headers: Record<string, string> = caller.session ? { cookie: caller.session.cookie } : {};
  const body = envelope(v);
  const res =
    proc.type === "query"
      ? await fetch(`${baseURL}/api/trpc/${proc.path}${body === undefined ? "" : `?input=${encodeURIComponent(body)}`}`, { headers })
      : await fetch(`${baseURL}/api/trpc/${proc.path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
  return { status: res.status, text: await res.text() };
}

/** A request that got no answer at all (the server closed the connection or is gone) as status 0, so it is judged, not thrown. */
export async function answered(request: () => Promise<TAnswer>): Promise<TAnswer> {
  try {
    return await request();
  } catch (e) {
    const cause = e instanceof Error ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ""}` : String(e);
    return { status: 0, text: `no answer: ${cause}` };
  }
}

/** Runs tasks with at most `limit` in flight; results in order. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

const STACK = /\n\s+at \S|node_modules|"stack"\s*:|\.tsx?:\d+:\d+|webpack-internal/;

/** The message of an answer: tRPC's error message, a route's `error`, or the text. */
export function messageOf(a: TAnswer): string {
  try {
    const body = JSON.parse(a.text) as { error?: { json?: { message?: string } } | string };
    if (typeof body.error === "string") return body.error;
    return body.error?.json?.message ?? a.text.slice(0, 300);
  } catch {
    return a.text.slice(0, 300);
  }
}

/**
 * What is wrong with one answer, or null: a 5xx, a stack trace, a role the
 * tier refuses that got past it, hostile input that was accepted, or an
 * input-rule violation not refused with 400 naming the field.
 */
export function judge(a: TAnswer, v: TVariant, role: TRole | null, tier: TTier): string | null {
  if (a.status === 0) return a.text;
  if (a.status >= 500) return `answered ${a.status}: ${messageOf(a).slice(0, 200)}`;
  if (STACK.test(a.text)) return `a stack trace or source path in the body: ${a.text.slice(0, 200)}`;
  // The HTTP server refuses a URL or body too large before the app sees it: a refusal, whatever the role.
  if (a.status === 413 || a.status === 431) return v.mustRefuse || !satisfiesTier(role ?? undefined, tier) ? null : `refused as too large (${a.status})`;
  if (!satisfiesTier(role ?? undefined, tier)) {
    const expected = v.edge ? [400, role ? 403 : 401] : [role ? 403 : 401];
    return expected.includes(a.status) ? null : `the ${tier} tier let ${role ?? "anonymous"} through: ${a.status} ${messageOf(a).slice(0, 120)}`;
  }
  if (v.mustRefuse && a.status < 400) return `accepted (${a.status}), expected a 4xx`;
  if (v.namesField && v.field && (a.status !== 400 || !new RegExp(`\\b${v.field.replace(/\./g, "\\.")}[.:]`).test(messageOf(a))))
    return `expected 400 naming ${v.field}, got ${a.status}: ${messageOf(a).slice(0, 160)}`;
  return null;
}

/** Tables no background job writes (the demo and the workers write runs, lineage and alerts), so a refused call must leave their counts alone. */
export const QUIET_TABLES = [
  "User",
  "AuditEvent",
  "ApiToken",
  "Source",
  "Destination",
  "Connection",
  "ConnectionStream",
  "Model",
  "Check",
  "AlertChannel",
  "AlertRule",
  "DbtImport",
  "DbtNode",
  "FreshnessDeadline",
];

export async function metadataClient(run: TWeirRun): Promise<pg.Client> {
  const client = new pg.Client({ ...run.pg, database: "weir", application_name: "weir-e2e-fuzz" });
  await client.connect();
  return client;
}

export async function tableCounts(client: pg.Client, tables: readonly string[] = QUIET_TABLES): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, string>>(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(", ")}`);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, n]) => [k, Number(n)]));
}

/** GET /api/health answers 200 (the server is alive and its database reachable). */
export async function healthStatus(baseURL: string): Promise<number> {
  return (await answered(async () => ({ status: (await fetch(`${baseURL}/api/health`)).status, text: "" }))).status;
}
