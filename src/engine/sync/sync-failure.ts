/**
 * What a failed sync attempt leaves behind, decided once for every
 * destination: the staging of the stream that was loading is dropped (best
 * effort, when the destination still answers), and a failure that the same
 * data would repeat on every run pauses the connection instead of failing
 * forever, with the choices a person has:
 * - SCHEMA_CHANGED from the schema step (pause policy, a type change that
 *   is not widening, a stream gone) or from a destination commit (a stored
 *   type it cannot convert);
 * - DATA_REJECTED in a stream that casts a column into its accepted type
 *   (ignore policy, or the "cast" choice) when the value does not fit.
 * Whether an attempt is retried is AppError.retryable alone.
 */
import type { TColumn, TDestinationSession, TStreamDescriptor, TWritePlan } from "@/connectors/types";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { castColumns, conflictSentence, type TPendingSchema, type TTypeConflict } from "@/engine/sync/column-choices";
import type { TPendingByStream } from "@/engine/sync/accept-schema";

/** The stream an attempt was loading when it failed. */
export type TLoadingStream = { settingsId: string; plan: TWritePlan; accepted: TColumn[]; descriptor: TStreamDescriptor };

const DISCARD_TIMEOUT_MS = 15_000;

/** Drops the loading stream's staging; never throws, and gives up after 15 s (a destination that stopped answering). */
export async function discardAfterFailure(session: TDestinationSession | undefined, loading: TLoadingStream | undefined): Promise<void> {
  if (!session || !loading) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    session.discardStaging(loading.plan).catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, DISCARD_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
}

export type TPause = { reason: string; pending: TPendingByStream };

function castFailedSentence(stream: string, c: TTypeConflict): string {
  return (
    `${stream}.${c.column} is kept as ${c.fromType} while the source now has ${c.toType}, and the destination refused a value. ` +
    `Choose on the connection page: rebuild the table from scratch, keep ${c.fromType} and cast new values into it (after fixing the values at the source), or ignore the column.`
  );
}

const detail = (e: AppError, key: string) => (typeof e.details?.[key] === "string" ? (e.details[key] as string) : undefined);

/** Whether the failure pauses the connection, with the reason to show (already cleaned of secrets) and what waits per stream. */
export function pauseFor(e: unknown, message: string, loading: TLoadingStream | undefined): TPause | null {
  if (!(e instanceof AppError)) return null;
  if (e.code === "SCHEMA_CHANGED") {
    const fromSchemaStep = e.details?.pending as TPendingByStream | undefined;
    if (fromSchemaStep || !loading) return { reason: message, pending: fromSchemaStep ?? {} };
    // From the destination's commit: its details name the column and both types (Weir type names).
    const column = detail(e, "column");
    const storedType = detail(e, "storedType");
    const plannedType = detail(e, "plannedType");
    if (!column || !storedType || !plannedType || !loading.accepted.some((c) => c.name === column)) {
      return {
        reason: `${message} Clear the stream's state with its table, or restore the column's type at the source, then resume the connection.`,
        pending: {},
      };
    }
    const conflict = { column, fromType: storedType, toType: plannedType };
    return {
      reason: `${message} ${conflictSentence(loading.plan.stream, conflict)}`,
      pending: { [loading.settingsId]: { columns: loading.accepted, conflicts: [conflict] } },
    };
  }
  if (e.code === "DATA_REJECTED" && loading) {
    const column = detail(e, "column");
    const casts = castColumns(loading.plan.columns, loading.descriptor.columns).filter((c) => !column || c.column === column);
    if (casts.length === 0) return null;
    const incoming = new Map(loading.descriptor.columns.map((c) => [c.name, c]));
    const columns = loading.accepted.map((c) => (casts.some((x) => x.column === c.name) ? (incoming.get(c.name) ?? c) : c));
    const pending: TPendingSchema = { columns, conflicts: casts };
    return { reason: `${message} ${casts.map((c) => castFailedSentence(loading.plan.stream, c)).join(" ")}`, pending: { [loading.settingsId]: pending } };
  }
  return null;
}

/** Pauses the connection with the reason, and records what each stream leaves for a person. */
export async function pauseConnection(connectionId: string, pause: TPause): Promise<void> {
  await db().$transaction([
    ...Object.entries(pause.pending).map(([id, pending]) => db().connectionStream.update({ where: { id }, data: { pendingSchema: pending as object } })),
    db().connection.update({ where: { id: connectionId }, data: { status: "paused", pausedReason: pause.reason } }),
  ]);
}
