/**
 * Test support: a process that dies by SIGKILL inside a commit, for
 * failures.integration.test.ts. Argument: JSON { config, plan, rows }. It loads one batch
 * as the sync engine does (discard, prepare, write, commit with the ledger's
 * state, so an incremental commit meets the cursor boundary) and runs with
 * WEIR_FAULT_POINT=postgres-destination.before-ledger: the rows and the
 * boundary are applied inside the open transaction when the process dies,
 * and the ledger row is not written yet.
 */
import type { TPostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { connector } from "@/connectors/postgres-destination/destination";
import { testContext } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { buildBatch } from "@/connectors/testing/load-builders";
import type { TWritePlan } from "@/connectors/types";

type TCrashArgs = { config: TPostgresDestinationConfig; plan: TWritePlan; rows: unknown[][] };

async function main(): Promise<void> {
  const { config, plan, rows } = JSON.parse(process.argv[2] ?? "{}") as TCrashArgs;
  const session = await connector.open(config, testContext());
  await session.discardStaging(plan);
  await session.prepareStream(plan);
  await session.writeBatch(plan, buildBatch(plan, rows));
  const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
  await session.commitStream(plan, previous);
  process.stderr.write("the fault point did not kill the process\n");
  process.exit(3);
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
