/**
 * Test support: a Snowflake protocol emulator on loopback. There is no
 * Snowflake here, so the tests talk to fakesnow (PyPI; Snowflake SQL and
 * REST API on DuckDB) through the real snowflake-sdk. fakesnow and its
 * pinned dependencies are installed once into a virtualenv outside the work
 * tree (~/.cache/weir/fakesnow-…) and served by fakesnow_node.py, which
 * makes fakesnow's answers match what Snowflake sends the Node.js driver
 * (see that file and docs/connectors/snowflake.md for every difference).
 *
 *   const snowflake = await startSnowflakeEmulator();
 *   // snowflake.url === "http://127.0.0.1:PORT": set it as WEIR_TEST_SNOWFLAKE_URL
 *   await snowflake.stop();
 *
 * Databases live in the emulator's memory and go with it; each test makes
 * its own database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import { freePort } from "@/db/embedded-postgres";
import { ensurePythonVenv } from "@/lib/testing/python-venv";

export const FAKESNOW_VERSION = "0.12.1";

/**
 * Exact versions: fakesnow 0.12.1 imports modules that snowflake-connector-python
 * 5 removed, and pins duckdb and sqlglot to minor lines itself.
 */
const PACKAGES = [
  `fakesnow==${FAKESNOW_VERSION}`,
  "snowflake-connector-python==4.8.1",
  "duckdb==2.0.1",
  "sqlglot==30.22.0",
  "pyarrow==26.0.1",
  "starlette==1.10.0",
  "uvicorn==0.55.0",
];

const READY_TIMEOUT_MS = 60_000;

export type TSnowflakeEmulator = {
  /** `http://127.0.0.1:PORT`: a destination's access URL. */
  url: string;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/__emulator/queries`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

export async function startSnowflakeEmulator(opts: { say?: (line: string) => void } = {}): Promise<TSnowflakeEmulator> {
  const say = opts.say ?? (() => undefined);
  const started = Date.now();
  const venv = ensurePythonVenv(`fakesnow-${FAKESNOW_VERSION}-node`, PACKAGES);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(venv.bin("python"), [path.join(__dirname, "fakesnow_node.py"), String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The Snowflake emulator (fakesnow ${FAKESNOW_VERSION}) did not start on ${url}:\n${output.slice(-4000)}`);
    }
    await sleep(100);
  }
  say(`Snowflake emulator (fakesnow ${FAKESNOW_VERSION}) ready on ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
