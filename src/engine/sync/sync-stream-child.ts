/**
 * Test support: one syncStream in a process of its own, so a test can kill
 * it with SIGKILL at a named fault point (WEIR_FAULT_POINT) as an OOM kill
 * or a pulled plug would. Argument: JSON { source: { connector, config },
 * destination: { connector, config }, plan, stream } — the stream is
 * discovered again here, as a run does. Exits 0 when the sync committed.
 */
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import type { TWritePlan } from "@/connectors/types";
import { syncStream } from "@/engine/sync/sync-stream";
import { logger } from "@/lib/logger";

type TChildArgs = { source: { connector: string; config: unknown }; destination: { connector: string; config: unknown }; plan: TWritePlan; stream: string };

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as TChildArgs;
  const ctx = { log: logger, signal: new AbortController().signal };
  const source = sourceConnector(args.source.connector);
  const destination = destinationConnector(args.destination.connector);
  const descriptor = (await source.discover(args.source.config, ctx)).streams.find((s) => s.name === args.stream);
  if (!descriptor) throw new Error(`no stream ${args.stream}`);
  const session = await destination.open(args.destination.config, ctx);
  try {
    await syncStream({
      source,
      sourceConfig: args.source.config,
      session,
      ctx,
      plan: args.plan,
      request: { stream: descriptor, columns: args.plan.columns.map((c) => c.name) },
    });
  } finally {
    await session.close();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
