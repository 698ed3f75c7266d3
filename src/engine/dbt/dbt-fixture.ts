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
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensurePythonVenv } from "@/lib/testing/python-venv";

export const DBT_CORE = "1.10.23";
export const DBT_DUCKDB = "1.10.1";
/** DuckDB for dbt, the same version as @duckdb/node-api's, so Weir can open the file dbt wrote. */
export const DUCKDB = "1.5.6";

/** The dbt executable, installing dbt into its virtualenv (~/.cache/weir, or WEIR_DBT_VENV) first when missing. */
export function ensureDbt(): string {
  const name = `dbt-${DBT_CORE}-duckdb-${DBT_DUCKDB}-${DUCKDB}`;
  return ensurePythonVenv(name, [`dbt-core==${DBT_CORE}`, `dbt-duckdb==${DBT_DUCKDB}`, `duckdb==${DUCKDB}`], process.env.WEIR_DBT_VENV).bin("dbt");
}

export type TDbtRun = { dir: string; manifest: unknown; runResults: unknown; output: string };

/** Builds the fixture project with real dbt; `dbt build` exits 1 because one test is meant to fail. */
export function buildFixtureProject(): TDbtRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-dbt-"));
  cpSync(path.join(__dirname, "fixtures", "shop"), dir, { recursive: true });
  return buildIn(dir);
}

/** The project of an earlier build changed by `change` (files edited, added, deleted in its folder) and built again over the same DuckDB file, as a team's next `dbt build` would. */
export function rebuildFixtureProject(run: TDbtRun, change: (dir: string) => void): TDbtRun {
  change(run.dir);
  return buildIn(run.dir);
}

function buildIn(dir: string): TDbtRun {
  const dbt = ensureDbt();
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
