/**
 * Starts Weir exactly as the README does (the start command, embedded
 * PostgreSQL, fresh state folder), waits for the printed URL and admin
 * sign-in, and hands them to the specs through e2e/.output/weir.json.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");
export const RUN_FILE = path.join(root, "e2e", ".output", "weir.json");

export default async function globalSetup(): Promise<void> {
  const port = Number(process.env.WEIR_E2E_PORT ?? 3100);
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "weir-e2e-"));
  chmodSync(stateDir, 0o755); // as root, PostgreSQL runs as user postgres and must reach its data folder
  // Alerts are evaluated every second (15 s by default), so the health spec waits seconds, not minutes.
  const env: NodeJS.ProcessEnv = { ...process.env, WEIR_STATE_DIR: stateDir, PORT: String(port), LOG_LEVEL: "warn", WEIR_ALERT_EVALUATE_MS: "1000" };
  delete env.DATABASE_URL;
  delete env.WEIR_ADMIN_EMAIL;
  delete env.WEIR_ADMIN_PASSWORD;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/start.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const admin = await new Promise<{ email: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Weir did not start within 180 s. Output:\n${out}`)), 180_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/Sign in as (\S+) with password (\S+)/);
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
      reject(new Error(`Weir exited with code ${code} during start. Output:\n${out}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  // The embedded PostgreSQL (it also holds the demo `shop` database), for specs that reach it directly.
  const pgPort = Number(out.match(/Embedded PostgreSQL on 127\.0\.0\.1:(\d+)/)?.[1]);
  if (!pgPort) throw new Error(`Weir did not print the embedded PostgreSQL's port. Output:\n${out}`);
  const pg = { host: "127.0.0.1", port: pgPort, user: "postgres", password: readFileSync(path.join(stateDir, "pg-password"), "utf8").trim() };
  mkdirSync(path.dirname(RUN_FILE), { recursive: true });
  writeFileSync(RUN_FILE, JSON.stringify({ pid: child.pid, stateDir, admin, baseURL: `http://localhost:${port}`, pg }));
  child.unref();
}
