/**
 * Runs one attempt of a connection sync (the `sync.run-connection` job):
 * checks the source schema against the accepted one and applies the
 * connection's policy (accept-schema.ts), then syncs each selected stream
 * in turn (sync-stream.ts), recording progress (rows read, rows committed),
 * logs and the outcome on the Run. Throwing means the job is retried with
 * backoff when the error is retryable (AppError.retryable); the ledger in
 * the destination makes every retry safe. A failure the same data would
 * repeat pauses the connection instead (sync-failure.ts).
 */
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import { unsealConfig } from "@/connectors/spec";
import type { TStreamState } from "@/connectors/types";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";
import type { Logger } from "@/lib/logger";
import { completeSyncLineage, emitSyncEvent, type TSyncedStream } from "@/engine/lineage/sync-lineage";
import { afterSyncSucceeded } from "@/engine/pipeline/after-sync";
import { markRunAttemptFailed, markRunCancelled, markRunCancelledBeforeAttempt, markRunRunning, markRunSucceeded } from "@/engine/runs/run-lifecycle";
import { acceptSchemas } from "@/engine/sync/accept-schema";
import { buildWritePlan } from "@/engine/sync/plan-streams";
import { runContext, secretScrubber } from "@/engine/sync/run-context";
import { runLogger } from "@/engine/sync/run-log";
import { discardAfterFailure, pauseConnection, pauseFor, type TLoadingStream } from "@/engine/sync/sync-failure";
import { syncStream } from "@/engine/sync/sync-stream";
import { watchCancellation } from "@/engine/sync/watch-cancellation";

export type TRunAttempt = { runId: string; attempt: number; maxAttempts: number; log: Logger; signal: AbortSignal };

export async function runConnectionSync(a: TRunAttempt): Promise<"succeeded" | "cancelled" | "skipped"> {
  const run = await db().run.findUnique({
    where: { id: a.runId },
    include: { connection: { include: { source: true, destination: true, streams: true } } },
  });
  if (!run) throw new AppError("NOT_FOUND", `Run ${a.runId} does not exist.`);
  if (run.status === "succeeded" || run.status === "cancelled" || (run.status === "failed" && run.finishedAt)) return "skipped";
  const { connection } = run;
  const rlog = runLogger(run.id, a.attempt, a.log);
  if (run.cancelRequestedAt) {
    await markRunCancelledBeforeAttempt(run.id);
    return "cancelled";
  }
  await markRunRunning(run.id, a.attempt, run.startedAt);
  await rlog.info(`Attempt ${a.attempt} of ${a.maxAttempts} started on ${connection.name}.`);

  const source = sourceConnector(connection.source.connector);
  const destination = destinationConnector(connection.destination.connector);
  const sourceConfig = unsealConfig(source.spec, connection.source.config);
  const destinationConfig = unsealConfig(destination.spec, connection.destination.config);
  const clean = secretScrubber([
    { spec: source.spec, config: sourceConfig },
    { spec: destination.spec, config: destinationConfig },
  ]);

  const cancel = watchCancellation(run.id, a.signal);
  const ctx = runContext({ runId: run.id, connectionId: connection.id, log: a.log, signal: cancel.signal, rlog, clean });
  let session: Awaited<ReturnType<typeof destination.open>> | undefined;
  let loading: TLoadingStream | undefined;
  const lineage = { runId: run.id, connection, source: connection.source, destination: connection.destination, log: a.log };
  let synced: TSyncedStream[] = [];
  try {
    const catalog = await source.discover(sourceConfig, ctx);
    const accepted = await acceptSchemas(
      connection,
      connection.streams.filter((s) => s.selected),
      catalog.streams,
      run.id,
    );
    const estimated = accepted.reduce((n, p) => n + (p.descriptor.estimatedRows ?? 0), 0);
    await db().run.update({ where: { id: run.id }, data: { estimatedRows: BigInt(estimated) } });

    const writePlans = accepted.map((stream) => ({
      ...stream,
      plan: buildWritePlan({
        connectionId: connection.id,
        runId: run.id,
        attempt: a.attempt,
        namespace: connection.namespace,
        tablePrefix: connection.tablePrefix,
        settings: {
          stream: stream.settings.stream,
          namespace: stream.descriptor.namespace,
          syncMode: stream.settings.syncMode,
          cursorField: stream.settings.cursorField,
          primaryKey: stream.settings.primaryKey,
        },
        columns: stream.columns,
      }),
    }));
    synced = writePlans.map(({ plan }) => ({ stream: plan.stream, columns: plan.columns, namespace: plan.namespace, table: plan.table }));
    await emitSyncEvent(lineage, "START", synced);

    session = await destination.open(destinationConfig, ctx);
    const totals = { read: 0, committed: 0, bytes: 0 };
    for (const [index, { settings, descriptor, plan, accepted: acceptedColumns }] of writePlans.entries()) {
      const rs = await db().runStream.upsert({
        where: { runId_stream: { runId: run.id, stream: plan.stream } },
        create: { runId: run.id, stream: plan.stream, status: "running", startedAt: new Date(), estimatedRows: descriptor.estimatedRows ?? null, rowsRead: 0 },
        update: { status: "running", error: null, rows: 0, rowsRead: 0, bytes: 0 },
      });
      loading = { settingsId: settings.id, plan, accepted: acceptedColumns, descriptor };
      await rlog.info(`Syncing ${plan.stream} → ${plan.namespace}.${plan.table} (${plan.mode}).`);
      let lastWrite = 0;
      const result = await syncStream({
        source,
        sourceConfig,
        session,
        plan,
        ctx,
        request: { stream: descriptor, columns: plan.columns.map((c) => c.name) },
        knownState: (settings.state as TStreamState | null) ?? null,
        onProgress: (p) => {
          if (Date.now() - lastWrite < 1000) return;
          lastWrite = Date.now();
          void db()
            .runStream.update({ where: { id: rs.id }, data: { rowsRead: BigInt(p.rows), bytes: BigInt(p.bytes) } })
            .catch(() => undefined);
          void db()
            .run.update({ where: { id: run.id }, data: { rowsRead: BigInt(totals.read + p.rows), bytes: BigInt(totals.bytes + p.bytes) } })
            .catch(() => undefined);
        },
      });
      // Committed: the rows the target received (the ledger's count; an earlier attempt's when it had committed already).
      const committed = result.entry.rows;
      const read = result.alreadyCommitted ? result.entry.rows : result.rows;
      totals.read += read;
      totals.committed += committed;
      totals.bytes += result.bytes;
      const queryIds = session.takeQueryIds?.() ?? [];
      synced[index] = { ...synced[index]!, rows: committed };
      await db().$transaction([
        db().runStream.update({
          where: { id: rs.id },
          data: {
            status: "succeeded",
            rows: BigInt(committed),
            rowsRead: BigInt(read),
            bytes: BigInt(result.bytes),
            durationMs: result.durationMs,
            queryIds,
            finishedAt: new Date(),
          },
        }),
        db().connectionStream.update({ where: { id: settings.id }, data: { state: result.entry.state ?? undefined, stateUpdatedAt: new Date() } }),
        db().run.update({ where: { id: run.id }, data: { rows: BigInt(totals.committed), rowsRead: BigInt(totals.read), bytes: BigInt(totals.bytes) } }),
      ]);
      loading = undefined;
      faultPoint("sync.after-state");
      await rlog.info(
        result.alreadyCommitted
          ? `${plan.stream}: already committed by an earlier attempt (${committed} rows); not loaded again.`
          : `${plan.stream}: ${read} rows read, ${committed} committed, ${result.bytes} bytes in ${(result.durationMs / 1000).toFixed(1)} s.`,
      );
    }
    await markRunSucceeded(run.id);
    await rlog.info(`Run succeeded: ${totals.committed} rows committed in ${writePlans.length} stream(s).`);
    // The warehouse is free for the checks and models that follow; their failures are theirs, not the sync's.
    await session.close().catch(() => undefined);
    session = undefined;
    await completeSyncLineage(lineage, synced);
    await afterSyncSucceeded({ runId: run.id, connection, log: a.log, runLog: rlog }).catch((e: unknown) =>
      rlog.warn(`Checks or downstream models could not start: ${clean(e)}`),
    );
    return "succeeded";
  } catch (e) {
    await discardAfterFailure(session, loading);
    if (cancel.cancelled()) {
      await markRunCancelled(run.id);
      await rlog.warn("Run cancelled.");
      return "cancelled";
    }
    const pause = pauseFor(e, clean(e), loading);
    if (pause) await pauseConnection(connection.id, pause);
    const message = pause?.reason ?? clean(e);
    const final = a.attempt >= a.maxAttempts || (e instanceof AppError && !e.retryable);
    await markRunAttemptFailed(run.id, message, final);
    await rlog.error(final ? `Run failed: ${message}` : `Attempt ${a.attempt} failed: ${message} It will be retried.`);
    if (pause) await rlog.warn("The connection is paused: scheduled runs are skipped until it is resumed.");
    if (final) await emitSyncEvent(lineage, "FAIL", synced, message);
    throw e instanceof AppError ? new AppError(e.code, message) : new AppError("CONNECTOR_ERROR", message);
  } finally {
    cancel.stop();
    await rlog.flush();
    await session?.close().catch(() => undefined);
  }
}
