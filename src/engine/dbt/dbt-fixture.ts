/**
 * Test support: real dbt artifacts. Installs dbt-core with dbt-duckdb from
 * PyPI into a virtualenv outside the work tree (`~/.cache/weir/dbt-<version>`,
 * or WEIR_DBT_VENV; reused once installed), copies the fixture project
 * (fixtures/shop: seeds, staging views, a mart table, sources, generic tests,
 * one of which fails) to a temporary folder and runs `dbt seed` and
 * `dbt build` there against a DuckDB file, so the test reads the
 * manifest.json and run_results.json dbt itself wrote.
 *
 * Pinned to dbt-core 1.10: 1.11 and later fetch a parser wheel from GitHub
 * at install time, which this machine cannot reach. DuckDB is pinned to the
 * version of @duckdb/node-api: a newer one writes a file format Weir's
 * DuckDB cannot read.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const DBT_CORE = "1.10.23";
export const DBT_DUCKDB = "1.10.1";
/** DuckDB for dbt, the same version as @duckdb/node-api's, so Weir can open the file dbt wrote. */
export const DUCKDB = "1.5.6";

function venvDir(): string {
  return process.env.WEIR_DBT_VENV ?? path.join(os.homedir(), ".cache", "weir", `dbt-${DBT_CORE}-duckdb-${DBT_DUCKDB}-${DUCKDB}`);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The dbt executable, installing it first when missing. Test files run in
 * parallel processes: the first takes a lock folder and installs, the others
 * wait for its marker.
 */
export function ensureDbt(): string {
  const dir = venvDir();
  const dbt = path.join(dir, "bin", "dbt");
  const marker = path.join(dir, ".weir-installed");
  if (existsSync(marker)) return dbt;
  mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(marker)) return dbt;
      if (Date.now() > deadline) throw new Error(`Waited 10 minutes for another process installing dbt into ${dir} (remove ${lock} if none is).`);
      sleep(1000);
    }
  }
  try {
    if (existsSync(marker)) return dbt;
    execFileSync("python3", ["-m", "venv", "--clear", dir], { stdio: "pipe" });
    const pip = spawnSync(path.join(dir, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", `dbt-core==${DBT_CORE}`, `dbt-duckdb==${DBT_DUCKDB}`, `duckdb==${DUCKDB}`], { encoding: "utf8" });
    if (pip.status !== 0) throw new Error(`Installing dbt into ${dir} failed:\n${pip.stderr || pip.stdout}`);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    return dbt;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type TDbtRun = { dir: string; manifest: unknown; runResults: unknown; output: string };

/** Builds the fixture project with real dbt; `dbt build` exits 1 because one test is meant to fail. */
export function buildFixtureProject(): TDbtRun {
  const dbt = ensureDbt();
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-dbt-"));
  cpSync(path.join(__dirname, "fixtures", "shop"), dir, { recursive: true });
  const env = { ...process.env, WEIR_DBT_DUCKDB_PATH: path.join(dir, "shop.duckdb"), DBT_SEND_ANONYMOUS_USAGE_STATS: "false", DO_NOT_TRACK: "1" };
  const args = ["--project-dir", dir, "--profiles-dir", dir, "--target-path", path.join(dir, "target")];
  let output = "";
  for (const command of ["seed", "build"]) {
    const run = spawnSync(dbt, [command, ...args], { env, encoding: "utf8", cwd: dir });
    output += run.stdout + run.stderr;
    if (run.status !== 0 && !(command === "build" && run.status === 1)) throw new Error(`dbt ${command} failed (${run.status}):\n${output}`);
  }
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, "target", file), "utf8")) as unknown;
  return { dir, manifest: read("manifest.json"), runResults: read("run_results.json"), output };
}
