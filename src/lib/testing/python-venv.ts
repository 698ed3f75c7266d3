/**
 * Test support: a Python virtualenv outside the work tree
 * (`~/.cache/weir/<name>`), made once with pinned packages from PyPI and
 * reused. Test files and tiers run in parallel processes: the first takes a
 * lock folder and installs, the others wait for its marker. Used for dbt
 * (engine/dbt/dbt-fixture.ts) and the Snowflake emulator (cli/snowflake-emulator.ts).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const INSTALL_TIMEOUT_MS = 10 * 60_000;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export type TPythonVenv = { dir: string; bin(name: string): string };

/** The virtualenv at `dir` (default ~/.cache/weir/<name>) holding `packages` (pip requirement strings), installing it first when missing. */
export function ensurePythonVenv(name: string, packages: readonly string[], dir = path.join(os.homedir(), ".cache", "weir", name)): TPythonVenv {
  const venv = { dir, bin: (tool: string) => path.join(dir, "bin", tool) };
  const marker = path.join(dir, ".weir-installed");
  if (existsSync(marker)) return venv;
  mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(marker)) return venv;
      if (Date.now() > deadline) throw new Error(`Waited 10 minutes for another process installing ${name} into ${dir} (remove ${lock} if none is).`);
      sleep(1000);
    }
  }
  try {
    if (existsSync(marker)) return venv;
    execFileSync("python3", ["-m", "venv", "--clear", dir], { stdio: "pipe" });
    const pip = spawnSync(venv.bin("pip"), ["install", "--quiet", "--disable-pip-version-check", ...packages], { encoding: "utf8" });
    if (pip.status !== 0) throw new Error(`Installing ${packages.join(" ")} into ${dir} failed:\n${pip.stderr || pip.stdout}`);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    return venv;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
