/**
 * A Weir for the catalog benchmark, started as the e2e set-up and the README
 * start it (src/cli/start.ts in a fresh state folder, embedded PostgreSQL,
 * the demo): waits for the printed sign-in line, reads the admin password
 * and the embedded PostgreSQL's port from the output and its password from
 * `<state>/pg-password`. `stop` ends its process group and removes the
 * folder; it is safe to call twice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");
/** A first start may run `next build` (minutes on a busy machine). */
const START_TIMEOUT_MS = 600_000;

export type TWeirProcess = {
  /** For the browser: the origin NEXTAUTH_URL names, so the session cookie matches. */
  baseURL: string;
  /** For requests from this process: the address the server binds. */
  apiURL: string;
  admin: { email: string; password: string };
  /** The metadata database (`weir`) on the embedded PostgreSQL, superuser login. */
  databaseUrl: string;
  /** Seconds from spawn to the sign-in line, and whether a `next build` ran in between. */
  startSeconds: number;
  built: boolean;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("No free port."))));
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group (start.ts stops the web server, the worker, then PostgreSQL), SIGKILL after 30 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid || !isRunning(pid)) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

export async function startWeir(log: (line: string) => void): Promise<TWeirProcess> {
  const port = await freePort();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "weir-bench-catalog-"));
  chmodSync(stateDir, 0o755); // as root, PostgreSQL runs as user postgres and must reach its data folder
  const env: NodeJS.ProcessEnv = { ...process.env, WEIR_STATE_DIR: stateDir, PORT: String(port), LOG_LEVEL: "warn" };
  for (const name of ["DATABASE_URL", "WEIR_ADMIN_EMAIL", "WEIR_ADMIN_PASSWORD", "NEXTAUTH_URL", "WEIR_PG_PORT"]) delete env[name];
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/start.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await stopGroup(child);
    } finally {
      rmSync(stateDir, { recursive: true, force: true, maxRetries: 5 });
    }
  };
  let out = "";
  try {
    const admin = await new Promise<{ email: string; password: string }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Weir did not start within ${START_TIMEOUT_MS / 1000} s. Output:\n${out.slice(-4000)}`)),
        START_TIMEOUT_MS,
      );
      let announced = false;
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (!announced && out.includes("Building the web app")) {
          announced = true;
          log("  (the web app is being built: sources are newer than .next)");
        }
        const m = /Sign in as (\S+) with password (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve({ email: m[1]!, password: m[2]! });
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", (c: Buffer) => {
        out += c.toString();
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`Weir exited with code ${code} during start. Output:\n${out.slice(-4000)}`));
      });
    });
    child.removeAllListeners("exit");
    child.stdout!.removeAllListeners("data");
    child.stderr!.removeAllListeners("data");
    child.stdout!.resume();
    child.stderr!.resume();
    const pgPort = Number(/Embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    if (!pgPort) throw new Error(`Weir did not print the embedded PostgreSQL's port. Output:\n${out.slice(-4000)}`);
    const password = readFileSync(path.join(stateDir, "pg-password"), "utf8").trim();
    return {
      baseURL: `http://localhost:${port}`,
      apiURL: `http://127.0.0.1:${port}`,
      admin,
      databaseUrl: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/weir`,
      startSeconds: (performance.now() - started) / 1000,
      built: out.includes("Building the web app"),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
