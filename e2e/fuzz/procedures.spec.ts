/**
 * The fuzz tier, tRPC half: every procedure, with hostile inputs generated
 * from its own zod schema (e2e/fuzz/hostile-inputs.ts), called over HTTP
 * against the running Weir as anonymous, viewer, analyst, engineer and
 * admin. Never a 5xx or a stack trace; a role below the tier refused;
 * hostile input refused (input-rule violations with 400 naming the field);
 * after each procedure the tables no background job writes hold as many
 * rows as before unless a call was accepted, and /api/health answers 200.
 * The seed of the drawn strings is printed on failure (WEIR_FUZZ_SEED
 * replays it).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type pg from "pg";

import { satisfiesTier, type TTier } from "../../src/server/roles";
import { weirRun } from "../support/weir";
import { collectIds, idFor } from "./fixture-ids";
import { type TCaller, callersOfEveryRole, healthStatus, judge, metadataClient, pool, readInputSchemas, tableCounts, trpcCall } from "./fuzz-http";
import { hostileVariants } from "./hostile-inputs";

const SEED = Number(process.env.WEIR_FUZZ_SEED ?? Date.now() % 2 ** 31);
/** A role the tier refuses is refused before the input is read, so a sample of the variants proves it. */
const REFUSED_SAMPLE = 8;
const CONCURRENCY = 6;

test.describe.configure({ mode: "serial" });

let callers: TCaller[];
let db: pg.Client;
let ids: Awaited<ReturnType<typeof collectIds>>["ids"];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const run = weirRun();
  const signedIn = await callersOfEveryRole(run);
  callers = signedIn.callers;
  ({ ids } = await collectIds(run.baseURL, signedIn.admin));
  db = await metadataClient(run);
});

test.afterAll(async () => {
  await db?.end();
});

test("every tRPC procedure, as every role, with hostile inputs from its own schema: never a 5xx, nothing half-stored", async ({}, testInfo) => {
  test.setTimeout(600_000);
  const { baseURL } = weirRun();
  const { procedures } = readInputSchemas();
  expect(procedures.length).toBeGreaterThan(90);
  const started = Date.now();
  const failures: string[] = [];
  let calls = 0;
  let variantsTried = 0;
  for (const proc of procedures) {
    const tier = proc.tier as TTier;
    const variants = hostileVariants(proc.input, {
      idFor: idFor(ids, proc.path),
      randomId: randomUUID,
      hugeLength: proc.type === "query" ? 12_000 : 210_000,
      deepKind: proc.type === "query" ? "array" : "object",
      deepLevels: proc.type === "query" ? 1_500 : 5_000,
      seed: SEED,
    });
    variantsTried += variants.length;
    const before = proc.type === "mutation" ? await tableCounts(db) : null;
    let accepted = false;
    for (const caller of callers) {
      const allowed = satisfiesTier(caller.role ?? undefined, tier);
      const sent = allowed ? variants : variants.slice(0, REFUSED_SAMPLE);
      const answers = await pool(
        sent.map((v) => () => trpcCall(baseURL, proc, v, caller)),
        CONCURRENCY,
      );
      calls += answers.length;
      answers.forEach((a, i) => {
        const v = sent[i]!;
        if (allowed && a.status < 300) accepted = true;
        const problem = judge(a, v, caller.role, tier);
        if (problem) failures.push(`${proc.path} as ${caller.role ?? "anonymous"}, ${v.label}: ${problem}`);
      });
    }
    if (before && !accepted) {
      const after = await tableCounts(db);
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      if (changed.length)
        failures.push(`${proc.path}: every call was refused, yet rows changed in ${changed.map((t) => `${t} (${before[t]} → ${after[t]})`).join(", ")}`);
    }
    const health = await healthStatus(baseURL);
    if (health !== 200) failures.push(`after ${proc.path}: /api/health answered ${health}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `${procedures.length} procedures × ${callers.length} callers, ${variantsTried} hostile inputs, ${calls} calls in ${seconds} s (seed ${SEED})`;
  testInfo.annotations.push({ type: "fuzz", description: summary });
  process.stdout.write(`fuzz: ${summary}\n`);
  // Every problem, for reading beside the report (the assertion shows the first 60).
  const problemsFile = path.join(__dirname, "..", ".output", "fuzz-procedures-problems.txt");
  mkdirSync(path.dirname(problemsFile), { recursive: true });
  writeFileSync(problemsFile, failures.join("\n"));
  expect(failures, `${failures.length} problems (seed ${SEED}; replay with WEIR_FUZZ_SEED=${SEED}):\n${failures.slice(0, 60).join("\n")}`).toEqual([]);
});
