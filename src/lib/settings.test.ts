/**
 * One place for configuration: the README's table lists exactly the
 * operators' variables declared in settings.ts, every declared default
 * parses, a bad value is refused naming the variable, and no file outside
 * settings reads process.env for a variable it does not declare.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { env, setting } from "@/lib/env";
import { SETTINGS, settingsOf } from "@/lib/settings";

const ROOT = path.resolve(__dirname, "../..");

/** The variables named (in backticks) in the first column of the README's Configuration table. */
function readmeVariables(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## Configuration$/m)[1]!.split(/^## /m)[0]!;
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split("|")[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("settings", () => {
  it("the README's configuration table lists exactly the operators' variables", () => {
    expect([...readmeVariables()].sort()).toEqual([...settingsOf("operator")].sort());
  });

  it("every declared default parses, and env() reads them all", () => {
    for (const name of Object.keys(SETTINGS)) delete process.env[name];
    const all = env();
    expect(all).toMatchObject({
      PORT: 3000,
      WEIR_WORKER_DEAD_AFTER_MS: 10_000,
      WEIR_STREAM_HOLD_MS: 5_000,
      WEIR_WORKER_STREAMS: "on",
      WEIR_SMTP_FROM: "Weir <weir@localhost>",
    });
  });

  it("a bad value is refused naming the variable; an empty one is its default", () => {
    process.env.WEIR_WORKER_DEAD_AFTER_MS = "500";
    expect(() => setting("WEIR_WORKER_DEAD_AFTER_MS")).toThrow(/^Invalid environment:\n {2}WEIR_WORKER_DEAD_AFTER_MS: /);
    process.env.WEIR_WORKER_STREAMS = "maybe";
    expect(() => setting("WEIR_WORKER_STREAMS")).toThrow('WEIR_WORKER_STREAMS: is "on" or "off"');
    process.env.WEIR_STREAM_HOLD_MS = "";
    expect(setting("WEIR_STREAM_HOLD_MS")).toBe(5_000);
    process.env.WEIR_STREAM_HOLD_MS = "300";
    expect(setting("WEIR_STREAM_HOLD_MS")).toBe(300);
  });

  it("every variable the code reads is declared", () => {
    const read = new Set<string>();
    for (const file of [...sourceFiles(path.join(ROOT, "src")), ...sourceFiles(path.join(ROOT, "workers")), ...sourceFiles(path.join(ROOT, "app"))]) {
      if (/\.test\.tsx?$|[\\/]bench[\\/]|bench-test|vitest\.config/.test(file)) continue;
      for (const m of readFileSync(file, "utf8").matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]!);
      for (const m of readFileSync(file, "utf8").matchAll(/setting\("([A-Z][A-Z0-9_]+)"\)/g)) read.add(m[1]!);
    }
    const undeclared = [...read].filter((name) => !(name in SETTINGS) && !/^WEIR_TEST_/.test(name));
    expect(undeclared).toEqual([]);
  });
});
