// The unit project's guard (unit-guard.ts): a unit test that reaches outside its process fails at once, with a
// message that names the rule and the file's integration name.
import childProcess from "node:child_process";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { takeUnitGuardBreaches } from "@/lib/testing/unit-guard";

const rule =
  /^A unit test touches nothing outside its own process, and this one .*: rename src\/lib\/testing\/unit-guard\.test\.ts to src\/lib\/testing\/unit-guard\.integration\.test\.ts \(git mv\)/;

describe("the unit guard", () => {
  // Each breach below is made on purpose: forget it, or the guard fails the test when it ends.
  afterEach(() => void takeUnitGuardBreaches());

  it("refuses a socket connection with the rule and the file's new name", () => {
    expect(() => net.connect(5432, "127.0.0.1")).toThrow(rule);
    expect(() => net.connect(5432, "127.0.0.1")).toThrow(/opens a socket \(connects to 127\.0\.0\.1:5432\)/);
  });

  it("refuses fetch, which connects through a socket", async () => {
    await expect(fetch("http://127.0.0.1:3000/")).rejects.toThrow();
    expect(takeUnitGuardBreaches()).toEqual([expect.stringMatching(rule)]);
  });

  it("refuses listening", () => {
    expect(() => net.createServer().listen(0)).toThrow(/listens on a socket/);
  });

  it("refuses starting a process, in every form", () => {
    expect(() => childProcess.spawn("true")).toThrow(/starts a process \(child_process\.spawn true\)/);
    expect(() => childProcess.execSync("true")).toThrow(rule);
    expect(() => childProcess.execFileSync("true")).toThrow(rule);
    expect(() => childProcess.fork("x.js")).toThrow(rule);
  });

  it("refuses loading DuckDB", async () => {
    await expect(import("@duckdb/node-api")).rejects.toThrow(/loads DuckDB/);
  });

  it("records a breach a library swallowed, so the test fails when it ends", () => {
    try {
      net.connect(9092, "127.0.0.1");
    } catch {
      // a client that retries quietly
    }
    expect(takeUnitGuardBreaches()).toEqual([expect.stringMatching(/connects to 127\.0\.0\.1:9092/)]);
  });
});
