/** Small helpers the benches that run a whole Weir share. */
import os from "node:os";
import pg from "pg";

/** The load average, "1.2 0.8 0.5", printed with the figures. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** A positive integer from the environment ("100_000" and "100,000" read as 100000). */
export function countOption(name: string, fallback: number): number {
  const value = Number((process.env[name] ?? String(fallback)).replace(/[_,]/g, ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer.`);
  return value;
}

/** A client to Weir's metadata database that outlives Weir's PostgreSQL stopping. */
export async function connectMetadata(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined); // a connection PostgreSQL ends when Weir stops must not end this process
  await client.connect();
  return client;
}

type TAtExit = (step: () => Promise<unknown>) => void;

/**
 * Runs a bench's `main`, which registers its clean-up steps with `atExit`
 * as it starts things (Weir, clients, receivers). The steps run once, last
 * registered first, both when main ends and on Ctrl-C / SIGTERM, so neither
 * exits before Weir has stopped and its folder is gone. Exit code: 0, 1 on a
 * failure (printed), 130 when interrupted.
 */
export function runBench(name: string, main: (atExit: TAtExit) => Promise<void>): void {
  const steps: (() => Promise<unknown>)[] = [];
  let interrupted = false;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of steps.reverse()) await step().catch(() => undefined);
    })());
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and a second signal
  // without a handler would end it before Weir's folder is removed.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      process.stdout.write(`\n${signal}: stopping Weir and removing its folder…\n`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  main((step) => steps.push(step))
    .finally(cleanUp)
    .then(
      () => process.exit(interrupted ? 130 : 0),
      (e: unknown) => {
        if (interrupted) return; // the signal handler exits once Weir has stopped; the failures it causes are not errors
        process.stderr.write(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(1);
      },
    );
}
