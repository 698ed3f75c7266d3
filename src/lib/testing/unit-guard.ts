/**
 * The unit project's set-up file (src/vitest.config.ts): a unit test touches nothing outside its own
 * process. Opening a socket or listening on one (`net.Socket.prototype.connect`,
 * `net.Server.prototype.listen`: PostgreSQL, Kafka, the Snowflake emulator, SMTP, HTTP servers and
 * clients, fetch), starting a process (`child_process.spawn/exec/execFile/fork` and their Sync forms)
 * and loading DuckDB (`@duckdb/node-api`, a native database engine) fail at once with a message naming
 * the rule. A test that needs any of them is an integration test: its file is named
 * `*.integration.test.ts` and runs in the integration project, which `npm test -- integration` serves.
 *
 * A library may swallow the error and retry (a Kafka client, a connection pool), so every breach is
 * also recorded and fails the test that made it when it ends.
 */
import childProcess from "node:child_process";
import Module, { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import path from "node:path";
import { afterEach, expect } from "vitest";

const root = path.resolve(__dirname, "..", "..", "..");

/** The test file being run, relative to the repository, for the message. */
function testFile(): string | undefined {
  const file = expect.getState().testPath;
  return file ? path.relative(root, file) : undefined;
}

/** The error a breach throws: what was attempted, the rule, and the fix. */
export function unitGuardMessage(what: string, file = testFile()): string {
  const rename = file ? `rename ${file} to ${file.replace(/\.test\.(tsx?)$/, ".integration.test.$1")}` : "rename its file to *.integration.test.ts";
  return (
    `A unit test touches nothing outside its own process, and this one ${what}. ` +
    `If the test needs it, it is an integration test: ${rename} (git mv), and run it with \`npm test -- integration\` (docs/CONTRIBUTING.md).`
  );
}

const GUARDED = Symbol.for("weir.unitGuard");
const BREACHES = Symbol.for("weir.unitGuard.breaches");
const state = globalThis as { [GUARDED]?: boolean; [BREACHES]?: string[] };
const breaches = (state[BREACHES] ??= []);

/** The breaches recorded since the last call, forgotten: for a test that commits one on purpose. */
export function takeUnitGuardBreaches(): string[] {
  return breaches.splice(0);
}

function breach(what: string): Error {
  const message = unitGuardMessage(what);
  breaches.push(message);
  return new Error(message);
}

function endpoint(args: unknown[]): string {
  const [first, second] = args;
  const options = (Array.isArray(first) ? first[0] : first) as { port?: unknown; host?: unknown; path?: unknown } | string | number | undefined;
  if (typeof options === "string") return options; // a Unix socket path
  if (typeof options === "number") return `${typeof second === "string" ? second : "localhost"}:${options}`;
  if (options && typeof options === "object") {
    if (typeof options.path === "string") return options.path;
    return `${typeof options.host === "string" ? options.host : "localhost"}:${String(options.port ?? "")}`;
  }
  return "a socket";
}

// Set-up files run once per test file; in the same process (isolate off) the patches must not stack.
if (!state[GUARDED]) {
  state[GUARDED] = true;

  net.Socket.prototype.connect = function connect(...args: unknown[]) {
    throw breach(`opens a socket (connects to ${endpoint(args)})`);
  } as typeof net.Socket.prototype.connect;
  net.Server.prototype.listen = function listen(...args: unknown[]) {
    throw breach(`listens on a socket (${args.length > 0 && args[0] !== undefined ? endpoint(args) : "a free port"})`);
  } as typeof net.Server.prototype.listen;

  const processFunctions = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
  const cp = childProcess as unknown as Record<(typeof processFunctions)[number], (...args: unknown[]) => unknown>;
  for (const name of processFunctions) {
    cp[name] = (...args: unknown[]) => {
      const command = typeof args[0] === "string" ? ` ${args[0].split(" ")[0]}` : "";
      throw breach(`starts a process (child_process.${name}${command})`);
    };
  }

  // DuckDB is loaded through its native binding: refuse the package and the binding, however they are imported.
  const DUCKDB = "loads DuckDB (@duckdb/node-api), a database engine, itself or through a module it imports";
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = function guardedLoad(request: string, ...rest: unknown[]) {
    if (/^@duckdb\/node-(api|bindings)/.test(request)) throw breach(DUCKDB);
    return load.call(this, request, ...rest);
  };
  const dlopen = process.dlopen;
  process.dlopen = function guardedDlopen(module: { exports: unknown }, filename: string, ...rest: unknown[]) {
    if (/duckdb/i.test(filename)) throw breach(DUCKDB);
    return (dlopen as (...a: unknown[]) => unknown).call(process, module, filename, ...rest);
  } as typeof process.dlopen;

  // `import { spawn } from "node:child_process"` reads the ES module's bindings: bring them up to date.
  syncBuiltinESMExports();
}

afterEach(({ task }) => {
  const [first] = takeUnitGuardBreaches();
  // The test failed with the guard's error already: say it once.
  if (first && !task.result?.errors?.some((e) => e.message === first)) throw new Error(first);
});
