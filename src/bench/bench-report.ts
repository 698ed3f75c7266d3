/**
 * The benchmark's printed results: one line per measured path with rows/s,
 * MB/s, the worker's peak RSS and a ratio with Weir's rows/s on top (on a
 * Weir line over the raw reference's, on a peer's line over the peer's),
 * plus where each Weir sync spent its time. Pure string building.
 */
import type { TWorkerRun } from "@/bench/run-sync-worker";

export type TResultLine = {
  path: string;
  rows: number;
  seconds: number;
  /** Bytes the MB/s figure is computed from. */
  bytes: number;
  peakRssBytes?: number;
  /** On a Weir line: rows/s of the reference it is compared with (ratio = this line's rows/s ÷ it). */
  referenceRowsPerSecond?: number;
  /** On a peer's line: Weir's rows/s into the same destination (ratio = it ÷ this line's rows/s). */
  weirRowsPerSecond?: number;
};

const MIB = 2 ** 20;

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n");
}

const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

/** Weir's rows/s over the other side's: above 1, Weir is the faster. */
function ratio(line: TResultLine, rate: number): string {
  if (line.referenceRowsPerSecond !== undefined) return (rate / line.referenceRowsPerSecond).toFixed(2);
  if (line.weirRowsPerSecond !== undefined) return (line.weirRowsPerSecond / rate).toFixed(2);
  return "-";
}

/** The results table (fixed-width text). */
export function resultsTable(lines: readonly TResultLine[]): string {
  const header = ["path", "rows", "seconds", "rows/s", "MB/s", "peak RSS", "ratio"];
  const body = lines.map((l) => {
    const rate = l.rows / l.seconds;
    return [
      l.path,
      thousands(l.rows),
      l.seconds.toFixed(1),
      thousands(rate),
      (l.bytes / MIB / l.seconds).toFixed(1),
      l.peakRssBytes === undefined ? "-" : `${Math.round(l.peakRssBytes / MIB)} MB`,
      ratio(l, rate),
    ];
  });
  return pad([header, ...body]);
}

/** Where one Weir sync spent its time, and its memory at the two points that matter. */
export function phasesLine(label: string, run: TWorkerRun): string {
  const p = run.phases;
  const parts = [
    `setup ${p.setup.toFixed(1)} s`,
    `source ${p.source.toFixed(1)} s`,
    `stage ${p.stage.toFixed(1)} s`,
    `commit ${p.commit.toFixed(1)} s`,
    `close ${p.close.toFixed(1)} s`,
  ];
  const memory = `RSS after staging ${Math.round(run.rssAfterStage / MIB)} MB, after commit ${Math.round(run.rssAfterCommit / MIB)} MB`;
  return `${label}: ${run.batches} batches, ${(run.bytes / MIB).toFixed(0)} MB of wire CSV; ${parts.join(", ")}; ${memory}`;
}
