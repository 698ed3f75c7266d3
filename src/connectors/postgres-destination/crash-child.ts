/**
 * Test support: a process that dies by SIGKILL inside a commit, as an OOM
 * kill or a pulled plug would, for failures.test.ts. Run with
 * WEIR_FAULT_POINT=postgres-destination.before-ledger; argument: JSON
 * { config, plan, rows }. The rows are applied to the target inside the open
 * transaction when the process dies, and the ledger row is not written yet.
 */
import type { TPostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { connector } from "@/connectors/postgres-destination/destination";
import { buildBatch, testContext } from "@/connectors/postgres-destination/postgres-destination-fixture";
import type { TWritePlan } from "@/connectors/types";

type TCrashArgs = { config: TPostgresDestinationConfig; plan: TWritePlan; rows: unknown[][] };

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as TCrashArgs;
  const session = await connector.open(args.config, testContext());
  await session.prepareStream(args.plan);
  await session.writeBatch(args.plan, buildBatch(args.plan, args.rows));
  await session.commitStream(args.plan, null);
  process.stderr.write("the fault point did not kill the process\n");
  process.exit(3);
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
