// Opening the warehouse is bounded: a folder the file system refuses (under /proc, where Node's recursive mkdir never returned) fails at once naming it, a run cancelled while opening stops and its late connection is closed, and a wait that never ends times out.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connector } from "@/connectors/duckdb/destination";
import { testContext } from "@/connectors/duckdb/duckdb-fixture";
import { withinDeadline } from "@/connectors/duckdb/within-deadline";
import { until } from "@/lib/testing/until";
import { logger } from "@/lib/logger";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "weir-duckdb-open-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Whether another process can open `file` (DuckDB's lock: no instance of this process holds it). */
function anotherProcessOpens(file: string): boolean {
  const script = `require("@duckdb/node-api").DuckDBInstance.create(${JSON.stringify(file)}).then((db) => { db.closeSync(); process.exit(0); }, () => process.exit(1))`;
  return spawnSync(process.execPath, ["-e", script], { cwd: process.cwd(), timeout: 30_000 }).status === 0;
}

describe.runIf(existsSync("/proc/self"))("a path under /proc", () => {
  it("fails check and open at once, naming the folder that cannot be created", async () => {
    const started = Date.now();
    const file = `/proc/weir-${process.pid}/deeper/wh.duckdb`;
    expect(await connector.check({ path: file }, testContext())).toEqual({
      ok: false,
      message: `DuckDB destination: The folder /proc/weir-${process.pid} for ${file} cannot be created: its file system does not take new folders (as under /proc or /sys, which the kernel provides). Choose a path on a writable disk.`,
    });
    await expect(connector.open({ path: file }, testContext())).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("cannot be created"),
    });
    // A folder that exists there takes no new file either; not retried like a passing failure.
    await expect(connector.open({ path: "/proc/self/wh.duckdb" }, testContext())).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(/wh\.duckdb cannot be created: .*does not take new files/),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("a run cancelled while the warehouse opens", () => {
  it("stops with the abort reason, and the connection that arrives later is closed", async () => {
    const file = path.join(dir, "new", "folders", "wh.duckdb");
    const controller = new AbortController();
    const opening = connector.open({ path: file }, { log: logger, signal: controller.signal });
    controller.abort(new Error("run cancelled"));
    await expect(opening).rejects.toThrow("run cancelled");
    // The open went on in the background; once it is closed, the file's lock is free for another process.
    await until("another process to open the file", () => existsSync(file) && anotherProcessOpens(file), 30_000);
    const session = await connector.open({ path: file }, testContext());
    await expect(session.lastCommitted("c", "s")).resolves.toBeNull();
    await session.close();
  });
});

describe("withinDeadline", () => {
  const never = new Promise<string>(() => {});
  const timedOut = () => new Error("no answer");

  it("gives up on an operation that never answers after its time", async () => {
    const started = Date.now();
    await expect(withinDeadline(never, { ms: 50, timedOut, late: () => {} })).rejects.toThrow("no answer");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("hands a result that arrives after the time to `late`", async () => {
    const closed: string[] = [];
    let arrive!: (value: string) => void;
    const slow = new Promise<string>((resolve) => (arrive = resolve));
    await expect(withinDeadline(slow, { ms: 10, timedOut, late: (v) => closed.push(v) })).rejects.toThrow("no answer");
    expect(closed).toEqual([]);
    arrive("connection"); // after the deadline has passed, by construction
    await until(
      "the late result to be handed over",
      () => closed.length > 0,
      5_000,
      () => "",
      20,
    );
    expect(closed).toEqual(["connection"]);
  });

  it("stops at the signal's abort, also one that came before", async () => {
    const controller = new AbortController();
    const waiting = withinDeadline(never, { ms: 60_000, signal: controller.signal, timedOut, late: () => {} });
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    await expect(withinDeadline(never, { ms: 60_000, signal: controller.signal, timedOut, late: () => {} })).rejects.toThrow("cancelled");
  });

  it("passes a result and a failure that come in time, and hands nothing to `late`", async () => {
    const late: unknown[] = [];
    await expect(withinDeadline(Promise.resolve(7), { ms: 1_000, timedOut, late: (v) => late.push(v) })).resolves.toBe(7);
    await expect(withinDeadline(Promise.reject(new Error("locked")), { ms: 1_000, timedOut, late: (v) => late.push(v) })).rejects.toThrow("locked");
    expect(late).toEqual([]);
  });
});
