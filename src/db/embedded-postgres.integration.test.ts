// startEmbeddedPostgres, ensureDatabase and createTestDatabase against real PostgreSQL processes.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres, type TEmbeddedPostgres } from "@/db/embedded-postgres";
import { createTestDatabase, queryOnce } from "@/db/test-database";

const tempDirs: string[] = [];
const running: TEmbeddedPostgres[] = [];

/** A state folder as Weir would have: `<state>/pg` holds the cluster, `<state>/pg-password` its password. */
function stateFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weir-embedded-pg-test-"));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as user postgres
  tempDirs.push(dir);
  return dir;
}

async function start(state: string): Promise<TEmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(state, "pg"), durable: false });
  running.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.concurrent("startEmbeddedPostgres", () => {
  it("initialises a cluster on loopback with a database named weir and a private generated password", async () => {
    const state = stateFolder();

    const server = await start(state);

    expect(server.url).toMatch(new RegExp(`^postgresql://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${server.port}/weir$`));
    const [row] = await queryOnce<{ db: string; addr: string }>(server.url, "SELECT current_database() AS db, host(inet_server_addr()) AS addr");
    expect(row).toEqual({ db: "weir", addr: "127.0.0.1" });
    const passwordFile = path.join(state, "pg-password");
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(server.url).toContain(fs.readFileSync(passwordFile, "utf8").trim());
    await server.stop();
  });

  it("restarts on an existing data directory, keeping its data and password", async () => {
    const state = stateFolder();
    const first = await start(state);
    await queryOnce(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    const second = await start(state);

    expect(await queryOnce(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    expect(new URL(second.url).password).toBe(new URL(first.url).password);
    await second.stop();
  });

  it("starts over a stale postmaster.pid whose PID is dead or reused by another program", async () => {
    const state = stateFolder();
    const first = await start(state);
    await first.stop();
    const pidFile = path.join(state, "pg", "postmaster.pid");
    const deadPid = spawnSync(process.execPath, ["-e", "process.pid"]).pid;

    for (const stalePid of [deadPid, process.pid]) {
      fs.writeFileSync(pidFile, `${stalePid}\n${path.join(state, "pg")}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`);
      const again = await start(state);
      expect(await queryOnce(again.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
      await again.stop();
    }
  });

  it("shuts down a PostgreSQL orphaned by a killed run and starts again", async () => {
    const state = stateFolder();
    const first = await start(state);
    await first.stop();
    // Start the server from a child process that is then killed with SIGKILL: its postgres outlives it.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("@/db/embedded-postgres").then(m => (m.startEmbeddedPostgres ?? m.default.startEmbeddedPostgres)({ dataDir: ${JSON.stringify(path.join(state, "pg"))}, durable: false })).then(() => process.stdout.write("up\\n"))`,
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("up") && resolve());
      child.on("exit", (code) => reject(new Error(`child exited with ${code}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const orphanPid = Number(fs.readFileSync(path.join(state, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

    const again = await start(state);

    expect(await queryOnce(again.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    expect(() => process.kill(orphanPid, 0)).toThrow();
    await again.stop();
  });

  it("refuses a data directory that holds something other than a cluster", async () => {
    const state = stateFolder();
    fs.mkdirSync(path.join(state, "pg"));
    fs.writeFileSync(path.join(state, "pg", "stray.txt"), "not a cluster");

    await expect(start(state)).rejects.toThrow(/not a PostgreSQL data directory/);
  });

  it("says the password is missing instead of failing to log in", async () => {
    const state = stateFolder();
    const first = await start(state);
    await first.stop();
    fs.rmSync(path.join(state, "pg-password"));

    await expect(start(state)).rejects.toThrow(/pg-password is missing/);
  });
});

describe("ensureDatabase", () => {
  it("creates a missing database once and returns its URL", async () => {
    const base = await createTestDatabase();
    const name = `${new URL(base.url).pathname.slice(1)}_extra`;

    const url = await ensureDatabase(base.url, name);
    expect(await ensureDatabase(base.url, name)).toBe(url);

    expect(await queryOnce(url, "SELECT current_database() AS db")).toEqual([{ db: name }]);
    await queryOnce(base.url, `DROP DATABASE "${name}"`);
    await base.drop();
  });
});

describe("createTestDatabase", () => {
  it("gives each caller its own empty database and drops it", async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(a.url).not.toBe(b.url);
    await queryOnce(a.url, "CREATE TABLE only_in_a (id int)");
    expect(await queryOnce(b.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'only_in_a'")).toHaveLength(0);

    await a.drop();
    await b.drop();

    await expect(queryOnce(a.url, "SELECT 1")).rejects.toThrow(/does not exist/);
  });
});
