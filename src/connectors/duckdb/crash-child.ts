/**
 * Test support: a process that dies by SIGKILL in the middle of a load, as
 * an OOM kill or a pulled plug would, for failures.test.ts. Argument: JSON
 * { file, plan, rows, at } where `at` is "after-write" (staged, never
 * committed) or "mid-commit" (run with WEIR_FAULT_POINT=duckdb.commit-applied:
 * the target is changed inside the open transaction when the process dies).
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
  await session.commitStream(args.plan, null);
  process.stderr.write("the fault point did not kill the process\n");
  process.exit(3);
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
