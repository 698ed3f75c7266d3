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
  const problems: Array<{ path: string; stream: string; message: string }> = [];
  const resolved = settings.map((s, i) => {
    const problem = (message: string) => problems.push({ path: `streams.${i}`, stream: s.stream, message });
    const d = catalog.streams.find((x) => x.name === s.stream);
    if (!d) {
      problem("the source has no such stream (run discover again?)");
      return null;
    }
    const names = new Set(d.columns.map((c) => c.name));
    const primaryKey = s.primaryKey.length ? s.primaryKey : d.primaryKey;
    const cursorField = s.cursorField ?? null;
    if (s.selected) {
      if (s.syncMode.startsWith("incremental")) {
        if (!d.supportsIncremental) problem("this stream cannot be read incrementally; use a full refresh mode");
        else if (!cursorField) problem(`incremental modes need a cursor field (candidates: ${d.cursorCandidates.join(", ") || "none"})`);
        else if (!names.has(cursorField)) problem(`cursor field "${cursorField}" is not a column of the stream`);
      }
      if (s.syncMode === "incremental_dedup" && primaryKey.length === 0) problem("append + dedup needs a primary key");
      for (const k of primaryKey) if (!names.has(k)) problem(`primary key column "${k}" is not a column of the stream`);
    }
    return { ...s, primaryKey, cursorField, columns: d.columns };
  });
  if (problems.length) {
    const message = `Check the streams: ${problems.map((p) => `${p.stream}: ${p.message}`).join("; ")}.`;
    throw new AppError("BAD_INPUT", message, { field: "streams", fieldErrors: problems.map(({ path, message }) => ({ path, message })) });
  }
  return resolved.filter((r): r is TResolvedStream => r !== null);
}

/** Throws a readable BAD_INPUT for a schedule that is not a five-field cron expression. */
export function assertCron(schedule: string | null | undefined): void {
  if (!schedule) return;
  if (schedule.trim().split(/\s+/).length !== 5)
    throw new AppError("BAD_INPUT", `schedule: "${schedule}" must have five fields (minute hour day month weekday), e.g. "*/15 * * * *".`, {
      field: "schedule",
    });
  try {
    CronExpressionParser.parse(schedule, { tz: "UTC" });
  } catch (e) {
    throw new AppError("BAD_INPUT", `schedule: "${schedule}" is not a valid cron expression (${e instanceof Error ? e.message : String(e)}).`, {
      field: "schedule",
    });
  }
}
