/**
 * Test support: a process that dies by SIGKILL inside a Snowflake load, for
 * failures.integration.test.ts (see connectors/testing/crash-child.ts). Run with
 * WEIR_FAULT_POINT=snowflake.after-file, snowflake.before-ledger or
 * snowflake.after-replace.
 */
import type { TSnowflakeConfig } from "@/connectors/snowflake/config";
import { connector } from "@/connectors/snowflake/destination";
import { testContext } from "@/connectors/snowflake/snowflake-fixture";
import { runCrashChild } from "@/connectors/testing/crash-child";

runCrashChild((config) => connector.open(config as TSnowflakeConfig, testContext()));
