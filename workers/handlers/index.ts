/**
 * The handler of every job kind in the registry. The mapped type makes a
 * kind without a handler (or a handler with the wrong payload type) a compile
 * error.
 */
import type { TJobKindName } from "@/jobs/registry";
import type { TJobHandler } from "../job-context";
import { handleSystemNoop } from "./system-noop";
import { handleSystemPruneHeartbeats } from "./system-prune-heartbeats";
import { handleSystemSleep } from "./system-sleep";
import { handleSyncRunConnection } from "./sync-run-connection";
import { handleTransformRun } from "./transform-run";
import { handleSyncScheduleTick } from "./sync-schedule-tick";
import { handleDemoMutateShop } from "./demo-mutate-shop";
import { handleAlertsDeliver } from "./alerts-deliver";

export const jobHandlers: { [K in TJobKindName]: TJobHandler<K> } = {
  "system.noop": handleSystemNoop,
  "system.sleep": handleSystemSleep,
  "system.prune-heartbeats": handleSystemPruneHeartbeats,
  "sync.run-connection": handleSyncRunConnection,
  "transform.run": handleTransformRun,
  "sync.schedule-tick": handleSyncScheduleTick,
  "demo.mutate-shop": handleDemoMutateShop,
  "alerts.deliver": handleAlertsDeliver,
};
