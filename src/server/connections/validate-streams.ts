/**
 * Checks a connection's stream settings against the source's catalog and
 * fills in what the catalog knows (columns, declared primary key). Pure.
 */
import { CronExpressionParser } from "cron-parser";
import type { TCatalog, TColumn } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import type { TStreamSettingInput } from "@/server/connections/connection-contracts";

export type TResolvedStream = TStreamSettingInput & { primaryKey: string[]; cursorField: string | null; columns: TColumn[] };

export function resolveStreams(catalog: TCatalog, settings: TStreamSettingInput[]): TResolvedStream[] {
  const problems: string[] = [];
  const resolved = settings.map((s) => {
    const d = catalog.streams.find((x) => x.name === s.stream);
    if (!d) {
      problems.push(`${s.stream}: the source has no such stream (run discover again?)`);
      return null;
    }
    const names = new Set(d.columns.map((c) => c.name));
    const primaryKey = s.primaryKey.length ? s.primaryKey : d.primaryKey;
    const cursorField = s.cursorField ?? null;
    if (s.selected) {
      if (s.syncMode.startsWith("incremental")) {
        if (!d.supportsIncremental) problems.push(`${s.stream}: this stream cannot be read incrementally; use a full refresh mode`);
        else if (!cursorField) problems.push(`${s.stream}: incremental modes need a cursor field (candidates: ${d.cursorCandidates.join(", ") || "none"})`);
        else if (!names.has(cursorField)) problems.push(`${s.stream}: cursor field "${cursorField}" is not a column of the stream`);
      }
      if (s.syncMode === "incremental_dedup" && primaryKey.length === 0) problems.push(`${s.stream}: append + dedup needs a primary key`);
      for (const k of primaryKey) if (!names.has(k)) problems.push(`${s.stream}: primary key column "${k}" is not a column of the stream`);
    }
    return { ...s, primaryKey, cursorField, columns: d.columns };
  });
  if (problems.length) throw new AppError("BAD_INPUT", `Check the streams: ${problems.join("; ")}.`);
  return resolved.filter((r): r is TResolvedStream => r !== null);
}

/** Throws a readable BAD_INPUT for a schedule that is not a five-field cron expression. */
export function assertCron(schedule: string | null | undefined): void {
  if (!schedule) return;
  if (schedule.trim().split(/\s+/).length !== 5) throw new AppError("BAD_INPUT", `schedule: "${schedule}" must have five fields (minute hour day month weekday), e.g. "*/15 * * * *".`);
  try {
    CronExpressionParser.parse(schedule, { tz: "UTC" });
  } catch (e) {
    throw new AppError("BAD_INPUT", `schedule: "${schedule}" is not a valid cron expression (${e instanceof Error ? e.message : String(e)}).`);
  }
}
