/**
 * The canary scan (issue 18, item 1): a distinct canary in every secret
 * field of every connector and alert channel kind, and in WEIR_SMTP_URL;
 * check, discover, draft check, test message, a failing run and a firing
 * alert, all against servers that echo what they receive, through tRPC over
 * HTTP and a real worker. Then every tRPC answer (every query procedure as
 * viewer, analyst, engineer and admin, plus every answer the driving got),
 * every line the web and worker processes wrote, and every row of every
 * table of the metadata database (the job queue's included, sealed columns
 * included) must hold no form of any canary.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESTINATIONS, SOURCES } from "@/connectors/registry";
import { secretFields } from "@/connectors/spec";
import { db } from "@/db/client";
import { CHANNEL_SPECS, CHANNEL_KINDS } from "@/engine/alerts/channels/channel-specs";
import { until } from "@/lib/testing/until";
import { listProcedures } from "@/server/procedure-tiers";
import { ROLES } from "@/server/roles";
import { appRouter } from "@/server/root";
import { canaryMaker, channelPlans, endpointPlans, startEchoServer, startEchoSmtp, type TCanaries } from "@/server/testing/canary/canary-scene";
import { startWeir, trpcClient, type TAnswer, type TWeirProcess } from "@/server/testing/canary/canary-processes";
import { needlesOf, scanDatabase, searchText, type THit } from "@/server/testing/canary/canary-search";
import { buildUser, setUpTestApp } from "@/server/testing/test-app";

const canaries: TCanaries = new Map();
const canary = canaryMaker(canaries);
const answers: TAnswer[] = [];
const ids: Record<string, string[]> = {};
const remember = (kind: string, id: string) => (ids[kind] ??= []).push(id);
let teardown: () => Promise<void>;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
let smtp: Awaited<ReturnType<typeof startEchoSmtp>>;
let processes: TWeirProcess[] = [];
let client: ReturnType<typeof trpcClient>;
let users: Record<(typeof ROLES)[number], string>;
let stateDir: string;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  echo = await startEchoServer();
  smtp = await startEchoSmtp();
  stateDir = mkdtempSync(path.join(os.tmpdir(), "weir-canary-"));
  const smtpUrl = `smtp://canary-mailer:${canary("env WEIR_SMTP_URL password")}@127.0.0.1:${smtp.port}`;
  const weir = await startWeir({
    DATABASE_URL: process.env.DATABASE_URL,
    WEIR_SMTP_URL: smtpUrl,
    LOG_LEVEL: "debug",
    NODE_ENV: "test",
    WEIR_STATE_DIR: stateDir,
    WEIR_ALERT_EVALUATE_MS: "500",
  });
  processes = weir.processes;
  client = trpcClient(weir.base, answers);
  const built = await Promise.all(ROLES.map(async (role) => [role, (await buildUser({ role })).id] as const));
  users = Object.fromEntries(built) as typeof users;
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await echo?.close();
  await smtp?.close();
  await teardown?.();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe("canary scan", () => {
  it("drives every secret path against echoing servers", async () => {
    const pgUrl = new URL(process.env.WEIR_TEST_PG_URL!);
    const saslBroker = process.env.WEIR_TEST_KAFKA_SASL_BROKERS!.split(",")[0]!;
    const admin = users.admin;
    const plans = endpointPlans(canary, { echo: echo.origin, pgHost: pgUrl.hostname, pgPort: Number(pgUrl.port), saslBroker });

    // Every secret field of every connector (and channel kind) got a canary: a new secret field fails here until it does.
    const planted = [...canaries.keys()];
    for (const [kind, list] of [
      ["source", SOURCES],
      ["destination", DESTINATIONS],
    ] as const) {
      for (const c of list)
        for (const f of secretFields(c.spec))
          expect(
            planted.some((p) => p.startsWith(`${kind} ${c.name}`) && p.endsWith(` ${f}`)),
            `${kind} ${c.name} ${f}`,
          ).toBe(true);
    }

    echo.state.ok = false;
    for (const plan of plans) {
      const created = await client.mutate<{ id: string }>(admin, `${plan.kind}.create`, {
        name: `canary ${plan.connector} ${plan.variant}`.trim(),
        connector: plan.connector,
        config: plan.config,
      });
      remember(plan.kind, created.id);
      const checked = await client.mutate<{ ok: boolean }>(admin, `${plan.kind}.check`, { id: created.id });
      // The echo server refuses everything; PostgreSQL and Kafka refuse the canary passwords unless they trust loopback.
      if (plan.connector === "http" || plan.connector === "snowflake")
        expect(checked.ok, `${plan.connector} ${plan.variant} check against the echo server`).toBe(false);
      if (plan.kind === "source") await client.attempt(admin, "source.discover", { id: created.id });
    }
    const draft = {
      baseUrl: `${echo.origin}/api`,
      auth: { type: "bearer", token: canary("source http/draft auth.token") },
      streams: [{ name: "items", path: "/items" }],
      maxRetries: 0,
    };
    expect((await client.mutate<{ ok: boolean }>(admin, "source.checkDraft", { connector: "http", config: draft })).ok).toBe(false);

    const channels = channelPlans(canary, echo.origin);
    for (const kind of CHANNEL_KINDS) {
      for (const f of secretFields(CHANNEL_SPECS[kind]))
        expect(
          [...canaries.keys()].some((p) => p.startsWith(`channel ${kind}`) && p.includes(` ${f}`)),
          `channel ${kind} ${f}`,
        ).toBe(true);
    }
    for (const ch of channels) {
      const created = await client.mutate<{ id: string }>(admin, "alert.createChannel", {
        name: `canary ${ch.kind} ${ch.variant}`.trim(),
        kind: ch.kind,
        config: ch.config,
      });
      remember("channel", created.id);
      expect((await client.mutate<{ ok: boolean }>(admin, "alert.testChannel", { id: created.id })).ok, `test message to ${ch.kind} ${ch.variant}`).toBe(false);
    }

    // An API token is shown once, in the answer that creates it (left out of the scan); nowhere else.
    const token = await client.mutate<{ id: string; token: string }>(admin, "apiToken.create", { name: "canary token", scopes: ["lineage:write"] });
    expect(answers.pop()?.body).toContain(token.token);
    canaries.set("api token", token.token);
    remember("token", token.id);

    // A failing run: discovery while the API answers, then every request refused with an echo.
    echo.state.ok = true;
    const runSource = await client.mutate<{ id: string }>(admin, "source.create", {
      name: "canary http run",
      connector: "http",
      config: {
        baseUrl: `${echo.origin}/ok`,
        auth: { type: "bearer", token: canary("source http/run auth.token") },
        streams: [{ name: "items", path: "/items" }],
        maxRetries: 0,
      },
    });
    remember("source", runSource.id);
    await client.mutate(admin, "source.discover", { id: runSource.id });
    const warehouse = await client.mutate<{ id: string }>(admin, "destination.create", {
      name: "canary duckdb",
      connector: "duckdb",
      config: { path: path.join(stateDir, "warehouse.duckdb") },
    });
    remember("destination", warehouse.id);
    const connection = await client.mutate<{ id: string }>(admin, "connection.create", {
      name: "canary connection",
      sourceId: runSource.id,
      destinationId: warehouse.id,
      namespace: "bronze",
      streams: [{ stream: "items", syncMode: "full_refresh_overwrite" }],
    });
    remember("connection", connection.id);
    const rule = await client.mutate<{ id: string }>(admin, "alert.createRule", {
      name: "canary run failed",
      params: { kind: "run_failed" },
      scope: { connectionIds: [connection.id] },
      channelIds: ids.channel,
    });
    remember("rule", rule.id);
    echo.state.ok = false;
    const run = await client.mutate<{ id: string }>(admin, "connection.runNow", { id: connection.id });
    remember("run", run.id);

    const context = () => processes.map((p) => `--- ${p.name} ---\n${p.output.join("").slice(-3000)}`).join("\n");
    await until("the run to fail", async () => (await db().run.findUnique({ where: { id: run.id } }))?.status === "failed", 120_000, context);
    const deliveries = await until(
      "the alert's deliveries to each fail once",
      async () => {
        const rows = await db().alertDelivery.findMany({ where: { alert: { ruleId: rule.id } } });
        return rows.length === channels.length && rows.every((d) => d.lastError) ? rows : undefined;
      },
      120_000,
      context,
    );
    for (const d of deliveries) remember("alert", d.alertId);
    await until(
      "the queue to record the failed deliveries",
      async () => {
        const rows = await db().$queryRaw<
          { n: number }[]
        >`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'alerts.deliver' and last_error is not null`;
        return (rows[0]?.n ?? 0) >= channels.length;
      },
      60_000,
      context,
    );
    expect(smtp.logins.length).toBeGreaterThanOrEqual(2); // the test message and the alert reached the SMTP login
  }, 360_000);

  it("finds no canary in any tRPC answer, log line, table or queue row", async () => {
    // Every query procedure as every role, with every id the scene made (and the empty and list inputs).
    for (const d of await db().dataset.findMany({ select: { id: true } })) remember("dataset", d.id);
    for (const id of Object.values(users)) remember("user", id);
    const allIds = [...new Set(Object.values(ids).flat())];
    const inputs: unknown[] = [undefined, {}, { status: "all", limit: 100 }, { limit: 100 }, ...allIds.map((id) => ({ id }))];
    for (const id of ids.connection!) inputs.push({ connectionId: id }, { connectionId: id, limit: 100 });
    for (const id of ids.run!) inputs.push({ runId: id });
    const queries = listProcedures(appRouter).filter((p) => p.type === "query");
    for (const role of ROLES) {
      for (const q of queries) {
        for (let i = 0; i < inputs.length; i += 40) await client.queryBatch(users[role], role, q.path, inputs.slice(i, i + 40));
      }
    }
    const needles = needlesOf(canaries, ["canary-user", "hook-user", "canary-mailer"]);
    const hits: THit[] = [];
    for (const a of answers) hits.push(...searchText(`tRPC ${a.label}`, a.body, needles));
    const logLines = processes.flatMap((p) =>
      p.output
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => ({ name: p.name, line })),
    );
    for (const { name, line } of logLines) hits.push(...searchText(`${name} log`, line, needles));
    const database = await scanDatabase(process.env.DATABASE_URL!, needles);
    hits.push(...database.hits);

    const bytes = answers.reduce((n, a) => n + a.body.length, 0);
    console.log(
      [
        `canary scan: ${canaries.size} canaries (${needles.length} forms) in ${[...new Set([...canaries.keys()].map((k) => k.split(" ").slice(0, 2).join(" ")))].length} connector/channel kinds and variants`,
        `  fields: ${[...canaries.keys()].join("; ")}`,
        `  tRPC: ${answers.length} HTTP answers (${(bytes / 1024).toFixed(0)} KiB): ${queries.length} query procedures × ${ROLES.length} roles (${ROLES.join(", ")}), each with ${inputs.length} inputs (${allIds.length} ids), plus every driving mutation`,
        `  logs: ${logLines.length} lines from ${processes.map((p) => p.name).join(" and ")} at debug level`,
        `  database: ${database.tables} tables, ${database.textColumns} text/json columns, ${database.rows} rows, of them ${database.queueJobs} queue jobs (payloads and last_error)`,
        `  hits: ${hits.length}`,
      ].join("\n"),
    );
    expect(logLines.length).toBeGreaterThan(50);
    expect(database.queueJobs).toBeGreaterThan(0);
    expect(hits.map((h) => `${h.where}: ${h.field} as "${h.form}" in …${h.excerpt}…`)).toEqual([]);
  }, 360_000);
});
