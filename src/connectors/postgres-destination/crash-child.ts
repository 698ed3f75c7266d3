/**
 * Test support: a process that dies by SIGKILL inside a commit, for
 * failures.test.ts (see connectors/testing/crash-child.ts). Run with
 * WEIR_FAULT_POINT=postgres-destination.before-ledger: the rows are applied
 * to the target inside the open transaction when the process dies, and the
 * ledger row is not written yet.
 */
import type { TPostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { connector } from "@/connectors/postgres-destination/destination";
import { testContext } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { runCrashChild } from "@/connectors/testing/crash-child";

runCrashChild((config) => connector.open(config as TPostgresDestinationConfig, testContext()));
