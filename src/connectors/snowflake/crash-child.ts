/**
 * Test support: a process that dies by SIGKILL inside a Snowflake load, as
 * an OOM kill or a pulled plug would, for failures.test.ts. Run with
 * WEIR_FAULT_POINT set to a point of the Snowflake destination; argument:
 * JSON { config, plan, rows }.
 */
import { connector } from "@/connectors/snowflake/destination";
import type { TSnowflakeConfig } from "@/connectors/snowflake/config";
import { testContext } from "@/connectors/snowflake/snowflake-fixture";
import { buildBatch } from "@/connectors/testing/load-builders";
import type { TWritePlan } from "@/connectors/types";

type TCrashArgs = { config: TSnowflakeConfig; plan: TWritePlan; rows: unknown[][] };

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as TCrashArgs;
  const session = await connector.open(args.config, testContext());
  await session.discardStaging(args.plan);
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
