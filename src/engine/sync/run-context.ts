/**
 * The connector context of one sync attempt: its cancellation signal, batch
 * size, the run it works for (warehouses tag their queries with it), and
 * `notice`, which puts a connector's lines (retries, waits, skipped
 * objects) into the run's own log, through the same secret scrubber as the
 * run's errors.
 */
import { redactSecrets } from "@/connectors/spec";
import type { TConnectorSpec, TReadOptions } from "@/connectors/types";
import type { Logger } from "@/lib/logger";
import type { TRunLogger } from "@/engine/sync/run-log";
import { setting } from "@/lib/env";

/** Turns an error or a line into text without the secret values of the given endpoints' configs. */
export function secretScrubber(endpoints: { spec: TConnectorSpec; config: unknown }[]): (e: unknown) => string {
  return (e) => endpoints.reduce((text, { spec, config }) => redactSecrets(spec, config, text), e instanceof Error ? e.message : String(e));
}

export function runContext(input: {
  runId: string;
  connectionId: string;
  log: Logger;
  signal: AbortSignal;
  rlog: TRunLogger;
  clean: (e: unknown) => string;
}): TReadOptions {
  return {
    log: input.log,
    signal: input.signal,
    // WEIR_SYNC_BATCH_ROWS tunes the batch size (records per staged load); the connectors' default otherwise.
    maxBatchRows: setting("WEIR_SYNC_BATCH_ROWS"),
    attribution: { kind: "sync", run: input.runId, connection: input.connectionId },
    notice: (message) => input.rlog.notice(input.clean(message)),
  };
}
