/**
 * Runs one attempt of a connection sync (the `sync.run-connection` job):
 * checks the source schema against the accepted one and applies the
 * connection's policy, then syncs each selected stream in turn
 * (sync-stream.ts), recording progress, logs and the outcome on the Run.
 * Throwing means the job is retried with backoff; the ledger in the
 * destination makes every retry safe.
 */
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import { redactSecrets, unsealConfig } from "@/connectors/spec";
import type { TColumn, TStreamDescriptor, TStreamState } from "@/connectors/types";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { faultPoint } from "@/lib/fault-point";
import type { Logger } from "@/lib/logger";
import { completeSyncLineage, emitSyncEvent, type TSyncedStream } from "@/engine/lineage/sync-lineage";
import { afterSyncSucceeded } from "@/engine/pipeline/after-sync";
import { buildWritePlan } from "@/engine/sync/plan-streams";
import { runLogger } from "@/engine/sync/run-log";
import { applySchemaPolicy, diffColumns } from "@/engine/sync/schema-diff";
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
    await db().run.update({ where: { id: run.id }, data: { status: "cancelled", finishedAt: new Date() } });
    return "cancelled";
  }
  await db().run.update({ where: { id: run.id }, data: { status: "running", attempts: a.attempt, startedAt: run.startedAt ?? new Date(), error: null } });
  await rlog.info(`Attempt ${a.attempt} of ${a.maxAttempts} started on ${connection.name}.`);

  const source = sourceConnector(connection.source.connector);
  const destination = destinationConnector(connection.destination.connector);
  const sourceConfig = unsealConfig(source.spec, connection.source.config);
  const destinationConfig = unsealConfig(destination.spec, connection.destination.config);
  const clean = (e: unknown) =>
    redactSecrets(destination.spec, destinationConfig, redactSecrets(source.spec, sourceConfig, e instanceof Error ? e.message : String(e)));

  const cancel = watchCancellation(run.id, a.signal);
  // WEIR_SYNC_BATCH_ROWS tunes the batch size (records per staged load); the connectors' default otherwise.
  const ctx = {
    log: a.log,
    signal: cancel.signal,
    maxBatchRows: Number(process.env.WEIR_SYNC_BATCH_ROWS) || undefined,
    attribution: { kind: "sync" as const, run: run.id, connection: connection.id },
  };
  let session: Awaited<ReturnType<typeof destination.open>> | undefined;
  const lineage = { runId: run.id, connection, source: connection.source, destination: connection.destination, log: a.log };
  let synced: TSyncedStream[] = [];
  try {
    const catalog = await source.discover(sourceConfig, ctx);
    const selected = connection.streams.filter((s) => s.selected);
    const plans = await Promise.all(selected.map((s) => acceptSchema(connection, s, catalog.streams.find((d) => d.name === s.stream), run.id)));
    const estimated = plans.reduce((n, p) => n + (p.descriptor.estimatedRows ?? 0), 0);
    await db().run.update({ where: { id: run.id }, data: { estimatedRows: BigInt(estimated) } });

    const writePlans = plans.map(({ settings, columns, descriptor }) => ({
      settings,
      descriptor,
      plan: buildWritePlan({
        connectionId: connection.id, runId: run.id, attempt: a.attempt, namespace: connection.namespace, tablePrefix: connection.tablePrefix,
        settings: { stream: settings.stream, namespace: descriptor.namespace, syncMode: settings.syncMode, cursorField: settings.cursorField, primaryKey: settings.primaryKey },
        columns,
      }),
    }));
    synced = writePlans.map(({ plan }) => ({ stream: plan.stream, columns: plan.columns, namespace: plan.namespace, table: plan.table }));
    await emitSyncEvent(lineage, "START", synced);

    session = await destination.open(destinationConfig, ctx);
    let totalRows = 0;
    let totalBytes = 0;
    for (const [index, { settings, descriptor, plan }] of writePlans.entries()) {
      const rs = await db().runStream.upsert({
        where: { runId_stream: { runId: run.id, stream: plan.stream } },
        create: { runId: run.id, stream: plan.stream, status: "running", startedAt: new Date(), estimatedRows: descriptor.estimatedRows ?? null },
        update: { status: "running", error: null, rows: 0, bytes: 0 },
      });
      await rlog.info(`Syncing ${plan.stream} → ${plan.namespace}.${plan.table} (${plan.mode}).`);
      let lastWrite = 0;
      const result = await syncStream({
        source, sourceConfig, session, plan, ctx,
        request: { stream: descriptor, columns: plan.columns.map((c) => c.name) },
        knownState: (settings.state as TStreamState | null) ?? null,
        onProgress: (p) => {
          if (Date.now() - lastWrite < 1000) return;
          lastWrite = Date.now();
          void db().runStream.update({ where: { id: rs.id }, data: { rows: BigInt(p.rows), bytes: BigInt(p.bytes) } }).catch(() => undefined);
          void db().run.update({ where: { id: run.id }, data: { rows: BigInt(totalRows + p.rows), bytes: BigInt(totalBytes + p.bytes) } }).catch(() => undefined);
        },
      });
      totalRows += result.rows;
      totalBytes += result.bytes;
      const queryIds = session.takeQueryIds?.() ?? [];
      synced[index] = { ...synced[index]!, rows: result.alreadyCommitted ? result.entry.rows : result.rows };
      await db().$transaction([
        db().runStream.update({
          where: { id: rs.id },
          data: { status: "succeeded", rows: BigInt(result.alreadyCommitted ? result.entry.rows : result.rows), bytes: BigInt(result.bytes), durationMs: result.durationMs, queryIds, finishedAt: new Date() },
        }),
        db().connectionStream.update({ where: { id: settings.id }, data: { state: result.entry.state ?? undefined, stateUpdatedAt: new Date() } }),
        db().run.update({ where: { id: run.id }, data: { rows: BigInt(totalRows), bytes: BigInt(totalBytes) } }),
      ]);
      faultPoint("sync.after-state");
      await rlog.info(result.alreadyCommitted
        ? `${plan.stream}: already committed by an earlier attempt (${result.entry.rows} rows); not loaded again.`
        : `${plan.stream}: ${result.rows} rows, ${result.bytes} bytes in ${(result.durationMs / 1000).toFixed(1)} s.`);
    }
    await db().run.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: new Date() } });
    await rlog.info(`Run succeeded: ${totalRows} rows in ${plans.length} stream(s).`);
    // The warehouse is free for the checks and models that follow; their failures are theirs, not the sync's.
    await session.close().catch(() => undefined);
    session = undefined;
    await completeSyncLineage(lineage, synced);
    await afterSyncSucceeded({ runId: run.id, connection, log: a.log, runLog: rlog }).catch((e: unknown) =>
      rlog.warn(`Checks or downstream models could not start: ${clean(e)}`),
    );
    return "succeeded";
  } catch (e) {
    if (cancel.cancelled()) {
      await db().$transaction([
        db().runStream.updateMany({ where: { runId: run.id, status: "running" }, data: { status: "cancelled", finishedAt: new Date() } }),
        db().run.update({ where: { id: run.id }, data: { status: "cancelled", finishedAt: new Date() } }),
      ]);
      await rlog.warn("Run cancelled.");
      return "cancelled";
    }
    const message = clean(e);
    const final = a.attempt >= a.maxAttempts || (e instanceof AppError && !e.retryable);
    await db().$transaction([
      db().runStream.updateMany({ where: { runId: run.id, status: "running" }, data: { status: "failed", error: message, finishedAt: new Date() } }),
      db().run.update({ where: { id: run.id }, data: { status: final ? "failed" : "queued", error: message, finishedAt: final ? new Date() : null } }),
    ]);
    await rlog.error(final ? `Run failed: ${message}` : `Attempt ${a.attempt} failed: ${message} It will be retried.`);
    if (final) await emitSyncEvent(lineage, "FAIL", synced, message);
    throw e instanceof AppError ? new AppError(e.code, message) : new AppError("CONNECTOR_ERROR", message);
  } finally {
    cancel.stop();
    await session?.close().catch(() => undefined);
  }
}

type TConnectionRow = { id: string; schemaChangePolicy: "propagate" | "pause" | "ignore" };
type TStreamRow = { id: string; stream: string; syncMode: "full_refresh_overwrite" | "full_refresh_append" | "incremental_append" | "incremental_dedup"; cursorField: string | null; primaryKey: string[]; columns: unknown; state: unknown };

/** Compares the stream's current columns with the accepted ones and applies the policy. */
async function acceptSchema(connection: TConnectionRow, settings: TStreamRow, descriptor: TStreamDescriptor | undefined, runId: string) {
  if (!descriptor) throw new AppError("SCHEMA_CHANGED", `The stream ${settings.stream} no longer exists at the source. Remove it from the connection or restore it.`);
  const accepted = (settings.columns as TColumn[]) ?? [];
  const changes = accepted.length ? diffColumns(accepted, descriptor.columns) : [];
  const outcome = applySchemaPolicy(connection.schemaChangePolicy, settings.stream, accepted, descriptor.columns, changes);
  if (changes.length) {
    await db().schemaChangeEvent.createMany({
      data: changes.map((c) => ({ connectionId: connection.id, runId, stream: settings.stream, change: c.change, column: c.column, fromType: c.fromType, toType: c.toType, action: outcome.action })),
    });
  }
  if (outcome.action === "paused") {
    await db().connection.update({ where: { id: connection.id }, data: { status: "paused", pausedReason: outcome.reason } });
    throw new AppError("SCHEMA_CHANGED", outcome.reason);
  }
  if (outcome.action === "propagated" && (changes.length || !accepted.length)) {
    await db().connectionStream.update({ where: { id: settings.id }, data: { columns: outcome.columns as object[] } });
  }
  return { settings, columns: outcome.columns, descriptor };
}
