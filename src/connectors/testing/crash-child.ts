/**
 * Test support: the body of a process that dies by SIGKILL inside a load,
 * as an OOM kill or a pulled plug would, for a destination's failures test.
 * Run with WEIR_FAULT_POINT naming a point of the destination; argument:
 * JSON { config, plan, rows }. It prepares, writes one batch and commits; the
 * fault point kills it on the way.
 */
import { buildBatch } from "@/connectors/testing/load-builders";
import type { TDestinationSession, TWritePlan } from "@/connectors/types";

type TCrashArgs = { config: unknown; plan: TWritePlan; rows: unknown[][] };

export function runCrashChild(open: (config: unknown) => Promise<TDestinationSession>): void {
  const main = async () => {
    const args = JSON.parse(process.argv[2] ?? "{}") as TCrashArgs;
    const session = await open(args.config);
    await session.discardStaging(args.plan);
    await session.prepareStream(args.plan);
    await session.writeBatch(args.plan, buildBatch(args.plan, args.rows));
    // The ledger's state, as the engine passes it: a commit at the cursor boundary drops what is already held.
    await session.commitStream(args.plan, (await session.lastCommitted(args.plan.connectionId, args.plan.stream))?.state ?? null);
    process.stderr.write("the fault point did not kill the process\n");
    process.exit(3);
  };
  void main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(2);
  });
}
