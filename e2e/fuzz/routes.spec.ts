/**
 * The fuzz tier, API-route half: every route under app/api, as every role
 * (and with an API token where the route takes one), with hostile inputs
 * from the route's own zod schema, or for POST /api/v1/lineage from a valid
 * OpenLineage event with each string in it made hostile. Never a 5xx or a
 * stack trace, nothing of a refused event stored, the server still
 * answering. A route file this spec does not know fails it.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type pg from "pg";

import type { TTier } from "../../src/server/roles";
import { weirRun } from "../support/weir";
import { collectIds, idFor } from "./fixture-ids";
import { type TAnswer, type TCaller, answered, callersOfEveryRole, healthStatus, judge, metadataClient, pool, readInputSchemas } from "./fuzz-http";
import { type TVariant, hostileVariants, toJsonText } from "./hostile-inputs";
import { lineageEventVariants } from "./lineage-event-variants";

const SEED = Number(process.env.WEIR_FUZZ_SEED ?? Date.now() % 2 ** 31);
const root = path.resolve(__dirname, "..", "..");
/** Marks an answer that set a session cookie. */
const SIGNED_IN = "SIGNED-IN ";

/** Every route file under app/api with the methods it exports, e.g. "POST /api/v1/lineage". */
function routesInApp(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const url = `/${path.relative(path.join(root, "app"), path.dirname(full)).split(path.sep).join("/")}`;
        const text = readFileSync(full, "utf8");
        for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"])
          if (new RegExp(`export (const|async function) ${m}\\b|as ${m}\\b`).test(text)) found.push(`${m} ${url}`);
      }
    }
  };
  walk(path.join(root, "app", "api"));
  return found.sort();
}

/** Routes covered elsewhere: tRPC's endpoint is the procedures spec; next-auth's sign-in is fuzzed below through its credentials callback. */
const COVERED = [
  "GET /api/trpc/[trpc]",
  "POST /api/trpc/[trpc]",
  "GET /api/auth/[...nextauth]",
  "POST /api/auth/[...nextauth]",
  "GET /api/health",
  "GET /api/metrics",
  "GET /api/v1/lineage",
  "POST /api/v1/lineage",
  "GET /api/v1/datasets/[id]/impact.csv",
  "POST /api/v1/dbt/import",
];

let callers: TCaller[];
let db: pg.Client;
let ids: Awaited<ReturnType<typeof collectIds>>["ids"];
let lineageToken: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const run = weirRun();
  const signedIn = await callersOfEveryRole(run);
  callers = signedIn.callers;
  ({ ids, lineageToken } = await collectIds(run.baseURL, signedIn.admin));
  db = await metadataClient(run);
});

test.afterAll(async () => {
  await db?.end();
});

test("the fuzz knows every API route", () => {
  expect(routesInApp()).toEqual([...COVERED].sort());
});

/** A query parameter as the URL carries it; a lone surrogate cannot be UTF-8, so it goes as the bytes a broken client would send. */
const param = (v: unknown) => {
  const s = String(v);
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "")) + "%ED%A0%80";
  }
};

/** Route variants: JSON-only trouble (wrong types, NaN) has no form in a URL, so query routes take the text and number ones. */
function queryVariants(schema: Record<string, unknown>, idOf: (f: string) => string): TVariant[] {
  return hostileVariants(schema, { idFor: idOf, randomId: randomUUID, hugeLength: 12_000, deepLevels: 1_500, deepKind: "array", seed: SEED })
    .filter((v) => v.field && !v.meta && typeof v.value === "object" && v.value !== null)
    .filter((v) => ["string", "number"].includes(typeof (v.value as Record<string, unknown>)[v.field]))
    .map((v) => ({ ...v, namesField: false, mustRefuse: v.mustRefuse && !/surrogate|drawn/.test(v.label), edge: false }));
}

type TRouteCall = { label: string; tier: TTier; variant: TVariant; send: (caller: TCaller) => Promise<TAnswer> };

async function answer(res: Response): Promise<TAnswer> {
  return { status: res.status, text: await res.text() };
}
const cookie = (c: TCaller): Record<string, string> => (c.session ? { cookie: c.session.cookie } : {});

test("every API route, as every role, with hostile inputs from its own schema: never a 5xx, nothing of a refused event stored", async ({}, testInfo) => {
  test.setTimeout(300_000);
  const { baseURL } = weirRun();
  const { routes } = readInputSchemas();
  const started = Date.now();
  const calls: TRouteCall[] = [];

  for (const v of queryVariants(routes["GET /api/v1/lineage"]!, () => "dataset:fuzz-setup:fuzz.public.target")) {
    const value = v.value as Record<string, unknown>;
    const qs = Object.entries(value)
      .map(([k, x]) => `${k}=${param(x)}`)
      .join("&");
    calls.push({
      label: `GET /api/v1/lineage ${v.label}`,
      tier: "viewer",
      variant: v,
      send: (c) => fetch(`${baseURL}/api/v1/lineage?${qs}`, { headers: cookie(c) }).then(answer),
    });
    calls.push({
      label: `GET /api/v1/lineage with a token, ${v.label}`,
      tier: "public",
      variant: v,
      send: () => fetch(`${baseURL}/api/v1/lineage?${qs}`, { headers: { authorization: `Bearer ${lineageToken}` } }).then(answer),
    });
  }
  for (const q of queryVariants(routes["GET /api/v1/datasets/[id]/impact.csv"]!, idFor(ids, "catalog.impact"))) {
    const { id, column } = q.value as { id: unknown; column?: unknown };
    // An empty id is another address (no route), and an id that cannot be UTF-8 is refused by proxy.ts before any tier.
    if (id === "") continue;
    const v = { ...q, edge: q.field === "id" && /[\uD800-\uDFFF]/.test(String(id)) };
    const url = `${baseURL}/api/v1/datasets/${param(id)}/impact.csv${column === undefined ? "" : `?column=${param(column)}`}`;
    calls.push({ label: `GET impact.csv ${v.label}`, tier: "viewer", variant: v, send: (c) => fetch(url, { headers: cookie(c) }).then(answer) });
  }
  const bodyVariants = hostileVariants(routes["POST /api/v1/dbt/import"]!, {
    idFor: idFor(ids, "dbt.import"),
    randomId: randomUUID,
    hugeLength: 210_000,
    deepLevels: 5_000,
    deepKind: "object",
    seed: SEED,
  });
  for (const v of bodyVariants.map((x) => ({ ...x, namesField: false, edge: false }))) {
    calls.push({
      label: `POST /api/v1/dbt/import ${v.label}`,
      tier: "engineer",
      variant: v,
      send: (c) =>
        fetch(`${baseURL}/api/v1/dbt/import`, {
          method: "POST",
          headers: { ...cookie(c), "content-type": "application/json" },
          body: toJsonText(v.value),
        }).then(answer),
    });
  }
  const runId = randomUUID();
  for (const v of lineageEventVariants(runId, SEED)) {
    const body = toJsonText(v.value);
    const post = (headers: Record<string, string>) =>
      fetch(`${baseURL}/api/v1/lineage`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body }).then(answer);
    calls.push({ label: `POST /api/v1/lineage ${v.label}`, tier: "engineer", variant: v, send: (c) => post(cookie(c)) });
    calls.push({
      label: `POST /api/v1/lineage with a token, ${v.label}`,
      tier: "public",
      variant: v,
      send: () => post({ authorization: `Bearer ${lineageToken}` }),
    });
  }
  for (const route of ["/api/health", "/api/metrics"]) {
    const v: TVariant = { label: "junk query", field: "", value: undefined, mustRefuse: false, namesField: false, edge: false, realIds: true };
    // /api/metrics counts users per role: an admin's (or a metrics:read token's), docs/security.md "Monitoring endpoints".
    calls.push({
      label: `GET ${route} with a junk query`,
      tier: route === "/api/metrics" ? "admin" : "public",
      variant: v,
      send: (c) => fetch(`${baseURL}${route}?x=%00&y=${"z".repeat(5_000)}`, { headers: cookie(c) }).then(answer),
    });
  }
  for (const [i, email] of ["a\u0000b@example.com", "\uD800@example.com", "", "x".repeat(100_000)].entries()) {
    const v: TVariant = {
      label: `sign-in with email ${JSON.stringify(email.slice(0, 20))}`,
      field: "email",
      value: email,
      mustRefuse: false,
      namesField: false,
      edge: false,
      realIds: true,
    };
    calls.push({
      label: `POST /api/auth/callback/credentials ${v.label}`,
      tier: "public",
      variant: v,
      send: async () => {
        // A made-up client IP, so these failures count against no real client's sign-in limit.
        const ip = { "x-forwarded-for": `203.0.113.${10 + i}` };
        const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers: ip });
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        const jar = csrf.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const form = new URLSearchParams({ csrfToken, email, password: "fuzz\u0000password", json: "true" });
        const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { ...ip, cookie: jar, "content-type": "application/x-www-form-urlencoded" },
          body: form,
        });
        const signedIn = res.headers.getSetCookie().some((c) => c.includes("session-token="));
        return { status: res.status, text: `${signedIn ? SIGNED_IN : ""}${await res.text()}` };
      },
    });
  }

  const failures: string[] = [];
  let sent = 0;
  for (const caller of callers) {
    const mine = calls.filter((c) => c.tier !== "public" || caller.role === null);
    const answers = await pool(
      mine.map((c) => () => answered(() => c.send(caller))),
      6,
    );
    sent += answers.length;
    answers.forEach((a, i) => {
      const c = mine[i]!;
      const problem = a.text.startsWith(SIGNED_IN) ? "hostile credentials signed in" : judge(a, c.variant, caller.role, c.tier);
      if (problem) failures.push(`${c.label} as ${caller.role ?? "anonymous"}: ${problem}`);
    });
    if ((await healthStatus(baseURL)) !== 200) failures.push(`after the calls as ${caller.role ?? "anonymous"}: /api/health did not answer 200`);
  }
  const stored = await db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM "LineageRun" WHERE id = $1) + (SELECT count(*) FROM "LineageJob" WHERE namespace LIKE 'fuzz-hostile%') + (SELECT count(*) FROM "Dataset" WHERE namespace LIKE 'fuzz-hostile%') AS n`,
    [runId],
  );
  if (Number(stored.rows[0]!.n) !== 0) failures.push(`refused lineage events left ${stored.rows[0]!.n} rows (runs, jobs, datasets) behind`);

  const summary = `${COVERED.length} routes, ${calls.length} hostile requests × callers = ${sent} calls in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`;
  testInfo.annotations.push({ type: "fuzz", description: summary });
  process.stdout.write(`fuzz: ${summary}\n`);
  // Every problem, for reading beside the report (the assertion shows the first 60).
  const problemsFile = path.join(__dirname, "..", ".output", "fuzz-routes-problems.txt");
  mkdirSync(path.dirname(problemsFile), { recursive: true });
  writeFileSync(problemsFile, failures.join("\n"));
  expect(failures, `${failures.length} problems (seed ${SEED}; replay with WEIR_FUZZ_SEED=${SEED}):\n${failures.slice(0, 60).join("\n")}`).toEqual([]);
});
