/**
 * The peer references: other tools doing Weir's job on the same table in the
 * same run, so every bench:sync shows how Weir compares with them instead of
 * a figure measured once by hand. Each peer is timed as one whole command
 * (a subprocess, start to exit) after its install, with full-refresh
 * semantics, into a fresh DuckDB file and into the target PostgreSQL:
 * - dlt's `sql_database` source with the ConnectorX backend (its defaults:
 *   the table read as one Arrow table), write_disposition "replace";
 * - Sling's `sling run … --mode full-refresh`. Sling drives the DuckDB CLI,
 *   which it would download; here it is the one the `duckdb-cli` package
 *   ships. Sling's default DuckDB load streams over HTTP, which needs the
 *   httpfs extension (a download too), so it loads through a named pipe
 *   (`copy_method=named_pipes`), its other streaming path.
 * Both are installed from PyPI, pinned exactly, into a virtualenv in
 * ~/.cache/weir. Connection URLs reach the tools through the environment,
 * never their arguments, and are masked in any output shown.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";

import { BENCH_SCHEMA, BENCH_TABLE } from "@/bench/bench-table";
import { ensurePythonVenv } from "@/lib/testing/python-venv";

const DLT_VERSION = "1.31.0";
const SLING_VERSION = "1.4.11";
/** The DuckDB of @duckdb/node-api, so the bench can open the files the peers write. */
const DUCKDB_VERSION = "1.5.6";

const PACKAGES = [
  `dlt[duckdb,postgres,sql-database]==${DLT_VERSION}`,
  "connectorx==0.4.6",
  "pyarrow==26.0.1",
  // SQLAlchemy 2.1 maps postgresql:// to psycopg 3; dlt reflects the source with psycopg2 (postgresql+psycopg2://).
  "sqlalchemy==2.1.9",
  "psycopg2-binary==2.9.13",
  `duckdb==${DUCKDB_VERSION}`,
  // The PyPI package `sling` downloads its binary at run time, which fails here; this one ships it.
  `sling-linux-amd64==${SLING_VERSION}`,
  `duckdb-cli==${DUCKDB_VERSION}`,
];

const PEER_TIMEOUT_MS = 30 * 60_000;
const OUTPUT_TAIL_CHARS = 20_000;
const SHOWN_OUTPUT_LINES = 8;

export type TPeerTools = { venvDir: string; python: string; sling: string; duckdbCli: string };

export type TPeerTarget = { kind: "duckdb"; file: string } | { kind: "postgres"; url: string };

/** One timed peer run: the wall time of its command and the table it wrote (schema-qualified), to count. */
export type TPeerRun = { seconds: number; table: string };

export type TPeer = {
  name: "dlt" | "sling";
  /** "peer: dlt 1.31.0 (ConnectorX) → DuckDB". */
  label(kind: TPeerTarget["kind"]): string;
  /** How it is invoked, for the printed details (no URLs). */
  invocation(kind: TPeerTarget["kind"]): string;
  run(tools: TPeerTools, sourceUrl: string, target: TPeerTarget, workDir: string): Promise<TPeerRun>;
};

const DESTINATION_NAMES = { duckdb: "DuckDB", postgres: "PostgreSQL" } as const;

/** Installs the peers' virtualenv once (minutes the first time) and finds the binaries in it. Throws why it cannot. */
export function installPeers(): TPeerTools {
  const hash = createHash("sha256").update(PACKAGES.join("\n")).digest("hex").slice(0, 10);
  const venv = ensurePythonVenv(`bench-peers-dlt-${DLT_VERSION}-sling-${SLING_VERSION}-${hash}`, PACKAGES);
  const locate =
    "import os, duckdb_cli, sling_linux_amd64; print(sling_linux_amd64.SLING_BIN); print(os.path.join(os.path.dirname(duckdb_cli.__file__), 'duckdb'))";
  const [sling, duckdbCli] = execFileSync(venv.bin("python"), ["-c", locate], { encoding: "utf8" }).trim().split("\n");
  if (!sling || !duckdbCli) throw new Error(`The Sling or DuckDB CLI binary was not found in ${venv.dir}.`);
  return { venvDir: venv.dir, python: venv.bin("python"), sling, duckdbCli };
}

/** The passwords of the URLs a run gets, plain and percent-encoded: the strings to mask. */
function secretsOf(sourceUrl: string, target: TPeerTarget): string[] {
  return [sourceUrl, ...(target.kind === "postgres" ? [target.url] : [])].flatMap((url) => {
    const password = new URL(url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  });
}

/** The last lines of a failed command's output, without colours and with secrets masked. */
function shownOutput(output: string, secrets: readonly string[]): string {
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes a peer prints
  let text = output.replace(/\u001b\[[0-9;]*m/gu, "");
  for (const secret of secrets) text = text.split(secret).join("***");
  return text
    .split("\n")
    .filter((line) => line.trim())
    .slice(-SHOWN_OUTPUT_LINES)
    .map((line) => `    ${line}`)
    .join("\n");
}

/** Runs one command to its end; resolves its wall time in seconds from spawn to exit, rejects with its output's tail. */
function timeCommand(name: string, file: string, args: readonly string[], env: Record<string, string>, secrets: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let seconds = 0;
    let output = "";
    let timedOut = false;
    const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, PEER_TIMEOUT_MS);
    child.once("exit", () => (seconds = (performance.now() - started) / 1000));
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(seconds);
      const why = timedOut ? `timed out after ${PEER_TIMEOUT_MS / 60_000} minutes` : `exited with ${signal ?? `code ${code}`}`;
      reject(new Error(`${name} ${why}:\n${shownOutput(output, secrets)}`));
    });
  });
}

/** dlt's sql_database source, ConnectorX backend, into `target`; argv: kind, schema, table. URLs and folders come from the environment. */
const DLT_PIPELINE_PY = `
import os, sys
import dlt
from dlt.sources.sql_database import sql_database
kind, schema, table = sys.argv[1:4]
source = sql_database(credentials=os.environ["WEIR_PEER_SOURCE"], schema=schema, table_names=[table], backend="connectorx")
destination = dlt.destinations.duckdb(os.environ["WEIR_PEER_TARGET"]) if kind == "duckdb" else dlt.destinations.postgres(os.environ["WEIR_PEER_TARGET"])
pipeline = dlt.pipeline(pipeline_name="weir_bench_" + kind, destination=destination, dataset_name="dlt_bench", pipelines_dir=os.environ["WEIR_PEER_WORK_DIR"])
pipeline.run(source, write_disposition="replace").raise_on_failed_jobs()
`;

const dlt: TPeer = {
  name: "dlt",
  label: (kind) => `peer: dlt ${DLT_VERSION} (ConnectorX) → ${DESTINATION_NAMES[kind]}`,
  invocation: () => `python -c <pipeline>: sql_database(backend="connectorx") → pipeline.run(write_disposition="replace"), dataset dlt_bench`,
  async run(tools, sourceUrl, target, workDir) {
    const source = new URL(sourceUrl);
    source.protocol = "postgresql+psycopg2:";
    const env = {
      WEIR_PEER_SOURCE: source.href,
      WEIR_PEER_TARGET: target.kind === "duckdb" ? target.file : target.url,
      WEIR_PEER_WORK_DIR: path.join(workDir, "dlt"),
      RUNTIME__DLTHUB_TELEMETRY: "false",
    };
    const seconds = await timeCommand(
      "dlt (python)",
      tools.python,
      ["-c", DLT_PIPELINE_PY, target.kind, BENCH_SCHEMA, BENCH_TABLE],
      env,
      secretsOf(sourceUrl, target),
    );
    return { seconds, table: `dlt_bench.${BENCH_TABLE}` };
  },
};

const SLING_TARGET_OBJECT = { duckdb: `main.${BENCH_TABLE}`, postgres: "public.sling_rows" } as const;

function slingArgs(kind: TPeerTarget["kind"]): string[] {
  return [
    "run",
    "--src-conn",
    "BENCH_SOURCE",
    "--src-stream",
    `${BENCH_SCHEMA}.${BENCH_TABLE}`,
    "--tgt-conn",
    "BENCH_TARGET",
    "--tgt-object",
    SLING_TARGET_OBJECT[kind],
    "--mode",
    "full-refresh",
  ];
}

/** Sling reads connections from environment variables named on its command line; Weir's embedded server has no TLS. */
function slingPostgresUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set("sslmode", "disable");
  return u.href;
}

const sling: TPeer = {
  name: "sling",
  label: (kind) => `peer: Sling ${SLING_VERSION} → ${DESTINATION_NAMES[kind]}`,
  invocation: (kind) => `sling ${slingArgs(kind).join(" ")}${kind === "duckdb" ? ` (DuckDB CLI ${DUCKDB_VERSION}, copy_method=named_pipes)` : ""}`,
  async run(tools, sourceUrl, target, workDir) {
    const env = {
      BENCH_SOURCE: slingPostgresUrl(sourceUrl),
      BENCH_TARGET: target.kind === "duckdb" ? `duckdb://${target.file}?copy_method=named_pipes` : slingPostgresUrl(target.url),
      SLING_HOME_DIR: path.join(workDir, "sling-home"),
      SLING_TEMP_DIR: path.join(workDir, "sling-tmp"),
      SLING_DISABLE_TELEMETRY: "true",
      DUCKDB_PATH: tools.duckdbCli,
      // json is built into the CLI; INSTALL would try to download it.
      DUCKDB_USE_INSTALLED_EXTENSIONS: "true",
    };
    const seconds = await timeCommand("sling", tools.sling, slingArgs(target.kind), env, secretsOf(sourceUrl, target));
    return { seconds, table: SLING_TARGET_OBJECT[target.kind] };
  },
};

/** The peers BENCH_PEERS selects: all when unset or "1", none for "0", else the comma-separated names (dlt, sling). */
export function selectedPeers(option = process.env.BENCH_PEERS): TPeer[] {
  const all = [dlt, sling];
  if (option === undefined || option === "" || option === "1") return all;
  if (option === "0") return [];
  const names = option.split(",").map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !all.some((peer) => peer.name === name));
  if (unknown.length > 0) throw new Error(`BENCH_PEERS: unknown peer ${unknown.join(", ")} (dlt, sling, 0 or 1).`);
  return all.filter((peer) => names.includes(peer.name));
}
