/**
 * How run figures read on screen: rows, bytes, durations and times. Pure, so
 * every table (runs, connection history, streams) prints them the same way.
 */

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

export function formatRows(rows: number): string {
  return rows.toLocaleString("en-US");
}

/** Rows read, or a dash where they are not tracked (streaming hours). */
export function formatRowsRead(rows: number | null): string {
  return rows === null ? "—" : formatRows(rows);
}

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A duration in one unit, for chart axes: "800 ms", "45 s", "12 min", "1.5 h". */
export function formatDurationShort(ms: number): string {
  // Below ten of a unit, one decimal: an axis from 0 to 2 s has ticks at 0.5 s steps, which must not all read "2 s".
  const inUnit = (value: number, unit: string) => `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${unit}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return inUnit(ms / 1000, "s");
  if (ms < 3_600_000) return inUnit(ms / 60_000, "min");
  return inUnit(ms / 3_600_000, "h");
}

/** A run's duration: finished − started, or the time so far while it runs. */
export function runDurationMs(run: { startedAt: Date | null; finishedAt: Date | null }, now: number = Date.now()): number | null {
  if (!run.startedAt) return null;
  return (run.finishedAt?.getTime() ?? now) - run.startedAt.getTime();
}

export function formatTime(date: Date | null): string {
  return date ? date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) : "—";
}

export function timeAgo(date: Date, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86_400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

/** Whether a run (or the last run of a connection) is still going, so its page keeps polling. */
export function isActiveRun(status: string | undefined | null): boolean {
  return status === "queued" || status === "running";
}
