/**
 * How catalog figures read on screen: row counts ("1.2 M"), sizes, relative
 * times and the search summary. Pure, so the search results, the dataset
 * page and the impact table print them the same way.
 */
import { formatBytes } from "@/lib/run-format";

const COUNT_UNITS = [
  { size: 1e12, unit: "T" },
  { size: 1e9, unit: "B" },
  { size: 1e6, unit: "M" },
  { size: 1e3, unit: "K" },
] as const;

/** A row count for a glance: exact below 10,000 (9,870), then 12.3 K, 1.2 M, 4 B; "—" when unknown. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  const abs = Math.abs(n);
  if (abs < 10_000) return Math.round(n).toLocaleString("en-US");
  for (const { size, unit } of COUNT_UNITS) {
    // From 999,500 up the smaller unit would print "1000 K": use the larger one.
    if (abs >= size * 0.9995) {
      const v = n / size;
      const text = Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 10) / 10).toString();
      return `${text} ${unit}`;
    }
  }
  return Math.round(n).toLocaleString("en-US");
}

/** The exact count, for a title beside formatCount: "1,234,567 rows". */
export function formatExactRows(n: number | null | undefined): string {
  if (n === null || n === undefined) return "Row count unknown";
  return `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"}`;
}

/** A size in bytes (1.5 KB, 20 MB); "—" when unknown. */
export function formatSize(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? "—" : formatBytes(bytes);
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date; "—" when not known. */
export function formatRelative(date: Date | null | undefined, now: number = Date.now()): string {
  if (!date) return "—";
  const s = Math.round((now - date.getTime()) / 1000);
  if (s < 45) return "just now";
  if (s < HOUR) return `${Math.max(1, Math.round(s / MINUTE))} min ago`;
  if (s < DAY) return `${Math.round(s / HOUR)} h ago`;
  const days = Math.round(s / DAY);
  if (days < 30) return days === 1 ? "yesterday" : `${days} days ago`;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

/** The exact time, for a title beside formatRelative. */
export function formatAbsolute(date: Date | null | undefined): string | undefined {
  return date ? date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) : undefined;
}

/** "1,234 datasets · 12 ms" */
export function formatSearchSummary(total: number, tookMs: number, capped = false): string {
  return `${total.toLocaleString("en-US")}${capped ? "+" : ""} ${total === 1 && !capped ? "dataset" : "datasets"} · ${Math.round(tookMs).toLocaleString("en-US")} ms`;
}

/** "Showing 26–50 of 1,234" for a page of results. */
export function formatRange(offset: number, shown: number, total: number): string {
  if (shown === 0) return `None of ${total.toLocaleString("en-US")}`;
  return `Showing ${(offset + 1).toLocaleString("en-US")}–${(offset + shown).toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`;
}
