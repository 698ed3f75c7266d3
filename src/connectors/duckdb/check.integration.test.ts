// connector.check and opening failures, against real DuckDB files (and a second process holding one).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { classifyOpenFailure } from "@/connectors/duckdb/duckdb-errors";
import { connector } from "@/connectors/duckdb/destination";
import { testContext } from "@/connectors/duckdb/duckdb-fixture";
import { openDatabase } from "@/connectors/duckdb/open-database";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "weir-duckdb-check-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const check = (config: Record<string, unknown>) => connector.check(config as never, testContext());

/** A second process holding `file` open, as a DuckDB shell or notebook would. */
async function holdOpen(file: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `require("@duckdb/node-api").DuckDBInstance.create(${JSON.stringify(file)}).then((db) => { globalThis.db = db; setInterval(() => {}, 1000); process.stdout.write("open\\n"); })`,
    ],
    {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => resolve());
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

/** check() of each path, in this process or in a child running as `uid`. */
async function checkAs(uid: number | undefined, files: string[]): Promise<unknown[]> {
  if (uid === undefined) return Promise.all(files.map((file) => check({ path: file })));
  const script = `import("@/connectors/duckdb/destination").then(async (m) => {
    const connector = m.connector ?? m.default.connector;
    const ctx = { log: { debug() {}, info() {}, warn() {}, error() {} }, signal: new AbortController().signal };
    const out = [];
    for (const file of ${JSON.stringify(files)}) out.push(await connector.check({ path: file }, ctx));
    process.stdout.write(JSON.stringify(out));
  })`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    uid,
    gid: uid,
    encoding: "utf8",
    env: { ...process.env, HOME: os.tmpdir(), LOG_LEVEL: "silent" },
  });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as unknown[];
}

describe("check", () => {
  it("creates the folder and the file, writes and drops a probe table", async () => {
    const file = path.join(dir, "new", "nested", "w.duckdb");
    expect(await check({ path: file, threads: 2, memoryLimit: "256MB" })).toEqual({ ok: true });
    const db = await openDatabase(file);
    try {
      expect(await db.rows(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '%check%'`)).toEqual([["0"]]);
    } finally {
      await db.close();
    }
  });

  it("names another process holding the file, with its PID", async () => {
    const file = path.join(dir, "locked.duckdb");
    const holder = await holdOpen(file);
    try {
      const result = await check({ path: file });
      expect(result).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`locked by another process \\(held by .*PID ${holder.pid}\\)`)) });
      await expect(connector.open({ path: file }, testContext())).rejects.toMatchObject({
        code: "UNAVAILABLE",
        message: expect.stringMatching(/locked by another process/),
      });
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("says when the file is not a DuckDB database", async () => {
    const file = path.join(dir, "notes.duckdb");
    await writeFile(file, "these are notes, not a database\n".repeat(500));
    expect(await check({ path: file })).toEqual({
      ok: false,
      message: `DuckDB destination: ${file} exists but is not a DuckDB database file. Choose another path, or move that file away.`,
    });
  });

  it("says when part of the path is a file", async () => {
    await writeFile(path.join(dir, "plain-file"), "x");
    expect(await check({ path: path.join(dir, "plain-file", "w.duckdb") })).toEqual({
      ok: false,
      message: expect.stringMatching(/part of its path is a file, not a folder/),
    });
  });

  it("says when permission is denied, for a new file and for an existing one", async () => {
    const locked = path.join(dir, "readonly");
    await mkdir(locked);
    const existing = path.join(locked, "existing.duckdb");
    await (await openDatabase(existing)).close();
    await chmod(locked, 0o555);
    await chmod(dir, 0o755); // mkdtemp's 0700 would deny "nobody" the whole tree
    // Root may write anywhere: as root, check from a child process running as "nobody".
    const results = await checkAs(process.getuid?.() === 0 ? 65534 : undefined, [
      path.join(locked, "sub", "w.duckdb"),
      path.join(locked, "w.duckdb"),
      existing,
    ]);
    for (const result of results)
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^DuckDB destination: Permission denied: .*Give it write access/) });
  });

  it("names the configuration field that is wrong", async () => {
    expect(await check({ path: path.join(dir, "x.duckdb"), threads: 0 })).toEqual({
      ok: false,
      message: expect.stringMatching(/^DuckDB destination: threads: /),
    });
    expect(await check({ memoryLimit: "lots" })).toEqual({ ok: false, message: expect.stringMatching(/memoryLimit: a size such as "512MB"/) });
  });
});

describe("classifyOpenFailure", () => {
  it.each([
    ['IO Error: Cannot open file "/x/w.duckdb": Permission denied', "BAD_INPUT", /^Permission denied/],
    [
      'IO Error: Could not set lock on file "/x/w.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 42). See also https://duckdb.org',
      "UNAVAILABLE",
      /held by \/usr\/bin\/python3, PID 42/,
    ],
    ['IO Error: The file "/x/w.duckdb" exists, but it is not a valid DuckDB database file!', "BAD_INPUT", /not a DuckDB database file/],
    ['IO Error: Cannot open file "/x/w.duckdb": Read-only file system', "BAD_INPUT", /read-only file system/],
  ])("%s", (text, code, message) => {
    expect(classifyOpenFailure(new Error(text), "/x/w.duckdb")).toEqual({ code, message: expect.stringMatching(message) });
  });

  it("leaves other errors to DuckDB's message", () => {
    expect(classifyOpenFailure(new Error("Catalog Error: something else"), "/x/w.duckdb")).toBeNull();
  });
});
