/**
 * The schema step of a sync run, before anything is loaded: every selected
 * stream's current columns are compared with the accepted ones
 * (schema-diff.ts), the changes recorded as SchemaChangeEvents, and the
 * accepted columns saved. When any stream needs a person (pause policy, or
 * a type change the destination cannot apply) the whole run stops: it
 * throws SCHEMA_CHANGED carrying what each stream leaves pending, and the
 * failure path pauses the connection (sync-failure.ts).
 */
import type { TColumn, TStreamDescriptor } from "@/connectors/types";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { readOverrides, type TPendingSchema } from "@/engine/sync/column-choices";
import { decideSchema } from "@/engine/sync/schema-diff";

type TConnectionRow = { id: string; schemaChangePolicy: "propagate" | "pause" | "ignore" };
export type TStreamRow = {
  id: string;
  stream: string;
  syncMode: "full_refresh_overwrite" | "full_refresh_append" | "incremental_append" | "incremental_dedup";
  cursorField: string | null;
  primaryKey: string[];
  columns: unknown;
  columnOverrides: unknown;
  state: unknown;
};

/** A stream ready to load: its settings, the source's descriptor, its accepted columns and the columns its write plan loads. */
export type TAcceptedStream = { settings: TStreamRow; descriptor: TStreamDescriptor; accepted: TColumn[]; columns: TColumn[] };

/** Per ConnectionStream id, what a paused run leaves for a person (AppError details of SCHEMA_CHANGED). */
export type TPendingByStream = Record<string, TPendingSchema>;

export async function acceptSchemas(
  connection: TConnectionRow,
  streams: TStreamRow[],
  catalog: TStreamDescriptor[],
  runId: string,
): Promise<TAcceptedStream[]> {
  const decided = streams.map((settings) => {
    const descriptor = catalog.find((d) => d.name === settings.stream);
    if (!descriptor) {
      throw new AppError(
        "SCHEMA_CHANGED",
        `The stream ${settings.stream} no longer exists at the source. Remove it from the connection or restore it, then resume the connection.`,
      );
    }
    const overrides = readOverrides(settings.columnOverrides);
    const decision = decideSchema({
      policy: connection.schemaChangePolicy,
      stream: settings.stream,
      accepted: (settings.columns as TColumn[]) ?? [],
      current: descriptor.columns,
      overrides,
    });
    return { settings, descriptor, decision, overridesLapsed: Object.keys(decision.overrides).length !== Object.keys(overrides).length };
  });
  const paused = decided.filter((d) => d.decision.action === "paused");
  const events = decided.flatMap(({ settings, decision }) =>
    decision.changes.map((c) => ({
      connectionId: connection.id,
      runId,
      stream: settings.stream,
      change: c.change,
      column: c.column,
      fromType: c.fromType,
      toType: c.toType,
      action: paused.length ? "paused" : decision.action,
    })),
  );
  if (events.length) await db().schemaChangeEvent.createMany({ data: events });

  if (paused.length) {
    // Nothing is loaded: every stream with a change waits, so resuming accepts what the person reviewed.
    const pending: TPendingByStream = Object.fromEntries(
      decided
        .filter((d) => d.decision.changes.length)
        .map(({ settings, descriptor, decision }) => [settings.id, decision.pending ?? { columns: decision.accept ?? descriptor.columns, conflicts: [] }]),
    );
    throw new AppError("SCHEMA_CHANGED", paused.map((d) => d.decision.reason).join(" "), { pending });
  }
  const saves = decided.filter((d) => d.decision.accept || d.overridesLapsed);
  if (saves.length) {
    await db().$transaction(
      saves.map(({ settings, decision }) =>
        db().connectionStream.update({
          where: { id: settings.id },
          data: { ...(decision.accept ? { columns: decision.accept as object[] } : {}), columnOverrides: decision.overrides },
        }),
      ),
    );
  }
  return decided.map(({ settings, descriptor, decision }) => ({
    settings,
    descriptor,
    accepted: decision.accept ?? (settings.columns as TColumn[]),
    columns: decision.plan,
  }));
}
