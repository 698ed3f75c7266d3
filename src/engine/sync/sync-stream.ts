/**
 * Syncs one stream of one run attempt: source → destination staging →
 * one destination commit that applies the rows and records the new state in
 * the destination's ledger. The ledger, not the metadata database, is the
 * authority on state, so a crash anywhere loses nothing and a retry
 * duplicates nothing:
 * - killed before the commit: the retry drops the staging and reads again
 *   from the last committed state;
 * - killed after the commit (before Weir recorded it): the retry finds its own
 *   run in the ledger and does not load the stream a second time.
 */
import type { TSourceConnector } from "@/connectors/source-connector";
import type { TConnectorContext, TDestinationSession, TLedgerEntry, TReadRequest, TStreamState, TWritePlan } from "@/connectors/types";
import { readAhead } from "@/engine/sync/read-ahead";
import { faultPoint } from "@/lib/fault-point";

export type TStreamProgress = { rows: number; bytes: number; batches: number };

export type TSyncStreamInput<TConfig> = {
  source: TSourceConnector<TConfig>;
  sourceConfig: TConfig;
  session: TDestinationSession;
  plan: TWritePlan;
  request: Omit<TReadRequest, "incremental">;
  /** Weir's copy of the state, used only when the destination has no ledger entry (e.g. a new destination). */
  knownState?: TStreamState | null;
  ctx: TConnectorContext & { maxBatchRows?: number; maxBatchBytes?: number };
  onProgress?: (progress: TStreamProgress) => void;
};

export type TSyncStreamResult = TStreamProgress & {
  entry: TLedgerEntry;
  /** True when an earlier attempt of the same run had already committed this stream. */
  alreadyCommitted: boolean;
  durationMs: number;
};

export async function syncStream<TConfig>(input: TSyncStreamInput<TConfig>): Promise<TSyncStreamResult> {
  const { session, plan, ctx } = input;
  const started = Date.now();
  const committed = await session.lastCommitted(plan.connectionId, plan.stream);
  if (committed && committed.runId === plan.runId) {
    ctx.log.info({ stream: plan.stream }, "stream already committed by an earlier attempt of this run; not loading it again");
    return { entry: committed, alreadyCommitted: true, rows: 0, bytes: 0, batches: 0, durationMs: Date.now() - started };
  }

  await session.discardStaging(plan);
  await session.prepareStream(plan);

  const state = committed?.state ?? input.knownState ?? null;
  const byObjects = input.request.stream.incrementalBy === "objects";
  const incremental =
    plan.mode.startsWith("incremental") && plan.cursorField
      ? { cursorField: plan.cursorField, state, ...(byObjects ? { seenObjects: new Set(await session.seenObjects(plan.connectionId, plan.stream)) } : {}) }
      : undefined;
  const progress: TStreamProgress = { rows: 0, bytes: 0, batches: 0 };
  // Objects read in full, recorded with the rows so an incremental read by objects skips them next time (a full refresh records them too).
  const objects: string[] = [];
  // The source reads the next batch while the destination loads this one.
  const batches = readAhead(input.source.read(input.sourceConfig, [{ ...input.request, incremental }], ctx));
  faultPoint("sync.before-read");
  for await (const batch of batches) {
    ctx.signal.throwIfAborted();
    faultPoint("sync.mid-read");
    await session.writeBatch(plan, batch);
    if (batch.objects) objects.push(...batch.objects);
    faultPoint("sync.mid-load");
    progress.rows += batch.rows;
    progress.bytes += batch.csv.length;
    progress.batches += 1;
    input.onProgress?.({ ...progress });
  }
  ctx.signal.throwIfAborted();
  faultPoint("sync.before-commit");
  const entry = await session.commitStream(plan, state, byObjects ? { objects } : undefined);
  faultPoint("sync.after-commit");
  ctx.log.info({ stream: plan.stream, rows: progress.rows, bytes: progress.bytes, state: entry.state }, "stream committed");
  return { ...progress, entry, alreadyCommitted: false, durationMs: Date.now() - started };
}
