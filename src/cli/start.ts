/**
 * `npm start`: runs Weir on one machine. Uses DATABASE_URL when set, otherwise
 * an embedded PostgreSQL in the state folder; applies migrations; makes sure
 * there is an admin (printing a generated password once); builds the web app
 * if needed; then runs the web server and one worker until Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { WORKER_NODE_FLAGS } from "@/lib/worker-node-flags";
import { buildIfStale } from "@/cli/build-if-stale";
import { disconnectDb } from "@/db/client";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import { applyMigrations } from "@/db/migrations";
import { env, stateDir } from "@/lib/env";
import { readOrCreateStateSecret } from "@/lib/state-secrets";
import { ensureDemo } from "@/demo/ensure-demo";
import { releaseQueueUtils } from "@/jobs/queue-client";
import { startRun } from "@/engine/runs/run-lifecycle";
import { ensureFirstAdmin } from "@/server/users/ensure-first-admin";
import { setting } from "@/lib/env";

const root = path.resolve(__dirname, "..", "..");
const say = (line: string) => process.stdout.write(`${line}\n`);

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("The web server exited during start-up; see its output above.");
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The web server did not answer at ${url} within ${timeoutMs / 1000}s.`);
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * embedded-postgres installs signal handlers that stop PostgreSQL and exit at
 * once; the database must stop last, after the web server and the worker
 * have finished, so its handlers are removed and `stop` below does it in order.
 */
async function withoutLibrarySignalHandlers<T>(fn: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const result = await fn();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return result;
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = env();
  const state = stateDir();
  mkdirSync(state, { recursive: true });

  let stopPostgres: (() => Promise<void>) | undefined;
  let embeddedServerUrl: string | undefined;
  if (!process.env.DATABASE_URL) {
    const pg = await withoutLibrarySignalHandlers(() => startEmbeddedPostgres({ dataDir: path.join(state, "pg"), port: config.WEIR_PG_PORT }));
    process.env.DATABASE_URL = pg.url;
    embeddedServerUrl = pg.serverUrl;
    stopPostgres = pg.stop;
    say(`Embedded PostgreSQL on 127.0.0.1:${pg.port} (data in ${path.join(state, "pg")})`);
  }
  const { applied } = await applyMigrations(process.env.DATABASE_URL!);
  if (applied.length) say(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);

  process.env.NEXTAUTH_SECRET ??= readOrCreateStateSecret(state, "nextauth-secret");
  process.env.WEIR_SECRET_KEY ??= readOrCreateStateSecret(state, "weir-secret-key");
  const admin = await ensureFirstAdmin({ email: config.WEIR_ADMIN_EMAIL, password: config.WEIR_ADMIN_PASSWORD });
  // The demo lives beside the embedded database only; WEIR_DEMO=0 turns it off.
  const demo =
    embeddedServerUrl && setting("WEIR_DEMO") !== "0"
      ? await ensureDemo(embeddedServerUrl, state).catch((e: unknown) => {
          say(`The demo could not be set up (${e instanceof Error ? e.message : String(e)}); Weir starts without it.`);
          return undefined;
        })
      : undefined;
  if (demo) process.env.WEIR_DEMO_SHOP_URL = demo.shopUrl;

  buildIfStale(root, say);

  const host = setting("WEIR_HOST");
  const url = setting("NEXTAUTH_URL") ?? `http://localhost:${config.PORT}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const children: ChildProcess[] = [];
  const web = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(config.PORT), "-H", host], {
    cwd: root,
    env: { ...childEnv, WEIR_SERVICE: "weir-web" },
    stdio: "inherit",
  });
  children.push(web);
  // `--web-only` is for deployments that run workers separately (docker-compose.yml).
  if (!process.argv.includes("--web-only")) {
    children.push(
      spawn(process.execPath, [...WORKER_NODE_FLAGS, "--import", "tsx", path.join(root, "workers/main.ts")], {
        cwd: root,
        env: { ...childEnv, WEIR_SERVICE: "weir-worker" },
        stdio: "inherit",
      }),
    );
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    await stopPostgres?.();
    process.exit(code);
  };
  for (const signal of SIGNALS) process.on(signal, () => void stop(0));
  for (const c of children)
    c.on("exit", (code) => {
      if (!stopping) {
        say(`A Weir process exited (code ${code}); stopping.`);
        void stop(1);
      }
    });

  await waitForHttp(`http://127.0.0.1:${config.PORT}/api/health`, web, 120_000);
  if (demo?.neverRan) {
    await startRun(demo.connectionId, "manual", { id: null, email: "demo" }).catch((e: unknown) =>
      say(`The demo's first run could not start: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  await releaseQueueUtils();
  await disconnectDb();
  say("");
  say(`Weir is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (admin.password) {
    say(`Sign in as ${admin.email} with password ${admin.password}`);
    say("This password is shown only once and stored hashed; to reset it, start with WEIR_ADMIN_EMAIL and WEIR_ADMIN_PASSWORD set.");
  } else {
    say(`Sign in as ${admin.email} (password as configured or as printed at first start).`);
  }
  if (demo) say(`Demo: the connection "shop → warehouse" syncs the demo shop database into DuckDB every 5 minutes (${url}/connections).`);
  say("Press Ctrl-C to stop.");
}

/**
 * Ctrl-C in a terminal signals the whole foreground process group, the
 * embedded PostgreSQL included, which would shut down before the worker has
 * finished its jobs. So the supervisor runs in a process group of its own and
 * this launcher turns the terminal's signals into one orderly stop.
 */
function launchSupervisor(): void {
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, WEIR_SUPERVISOR: "1" },
  });
  for (const signal of SIGNALS) process.on(signal, () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (setting("WEIR_SUPERVISOR") === "1") {
  main().catch(async (e: unknown) => {
    process.stderr.write(`Weir could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
} else {
  launchSupervisor();
}
