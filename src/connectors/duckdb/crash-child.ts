/**
 * Test support: a process that dies by SIGKILL in the middle of a load, as
 * an OOM kill or a pulled plug would, for failures.integration.test.ts. Argument: JSON
 * { file, plan, rows, at } where `at` is "after-write" (staged, never
 * committed) or "mid-commit" (run with WEIR_FAULT_POINT=duckdb.commit-applied:
 * the rows and the cursor boundary are applied inside the open transaction,
 * the ledger row not yet written, when the process dies). The commit
 * continues from the ledger's state, as the sync engine's does.
 */
import type { TWritePlan } from "@/connectors/types";
import { buildBatch, testContext } from "@/connectors/duckdb/duckdb-fixture";
import { connector } from "@/connectors/duckdb/destination";

type TCrashArgs = { file: string; plan: TWritePlan; rows: unknown[][]; at: "after-write" | "mid-commit" };

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as TCrashArgs;
  const session = await connector.open({ path: args.file }, testContext());
  await session.prepareStream(args.plan);
  await session.writeBatch(args.plan, buildBatch(args.plan, args.rows));
  if (args.at === "after-write") process.kill(process.pid, "SIGKILL");
  const previous = (await session.lastCommitted(args.plan.connectionId, args.plan.stream))?.state ?? null;
  await session.commitStream(args.plan, previous);
  process.stderr.write("the fault point did not kill the process\n");
  process.exit(3);
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
