/**
 * Latency figures of the catalog benchmark and its printed table: one row
 * per measured path with p50/p95/max, the same-run reference's p95, the
 * ratio of the two p95s, the goal and whether it was met. Pure.
 */

/** Milliseconds of repeated measurements of one path; Infinity = cut at the row's cap. */
export type TSamples = number[];

/** Nearest-rank percentile (p in 0–100) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type TReportRow = {
  what: string;
  samples: TSamples;
  /** Samples of the reference measured in the same run, and what it is (explained under the table). */
  reference?: { label: string; samples: TSamples };
  /** p95 (ms) that must not be exceeded, or none for a figure shown for context. */
  goalP95Ms?: number;
  /** Where calls were cut (statement_timeout), for printing cut samples as "> cap". */
  capMs?: number;
};

const ms = (value: number, capMs?: number) =>
  Number.isNaN(value) ? "-" : value === Number.POSITIVE_INFINITY ? `> ${capMs ?? "cap"}` : value >= 100 ? value.toFixed(0) : value.toFixed(1);

function ratio(p95: number, refP95: number, capMs?: number): string {
  if (Number.isNaN(p95) || Number.isNaN(refP95) || refP95 === Number.POSITIVE_INFINITY) return "-";
  if (p95 === Number.POSITIVE_INFINITY) return capMs ? `> ${(capMs / refP95).toFixed(1)}x` : "-";
  return `${(p95 / refP95).toFixed(1)}x`;
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n");
}

/** The results table (fixed-width text, times in ms). */
export function resultsTable(rows: readonly TReportRow[]): string {
  const header = ["path", "n", "cut", "p50 ms", "p95 ms", "max ms", "reference", "ref p95 ms", "ratio p95", "goal p95", "result"];
  const body = rows.map((r) => {
    const p95 = percentile(r.samples, 95);
    const refP95 = r.reference ? percentile(r.reference.samples, 95) : Number.NaN;
    const cut = r.samples.filter((s) => s === Number.POSITIVE_INFINITY).length;
    const result = r.goalP95Ms === undefined || !r.samples.length ? "-" : p95 < r.goalP95Ms ? "PASS" : "FAIL";
    return [
      r.what,
      String(r.samples.length),
      cut ? String(cut) : "-",
      ms(percentile(r.samples, 50), r.capMs),
      ms(p95, r.capMs),
      ms(r.samples.length ? Math.max(...r.samples) : Number.NaN, r.capMs),
      r.reference?.label ?? "-",
      ms(refP95, r.capMs),
      ratio(p95, refP95, r.capMs),
      r.goalP95Ms === undefined ? "-" : `< ${r.goalP95Ms}`,
      result,
    ];
  });
  return pad([header, ...body]);
}

/** "p50 x ms, p95 y ms, max z ms (n)" for progress lines. */
export function summary(samples: readonly number[], capMs?: number): string {
  if (!samples.length) return "no samples";
  const cut = samples.filter((s) => s === Number.POSITIVE_INFINITY).length;
  return `p50 ${ms(percentile(samples, 50), capMs)} ms, p95 ${ms(percentile(samples, 95), capMs)} ms, max ${ms(Math.max(...samples), capMs)} ms (n=${samples.length}${cut ? `, ${cut} cut at ${capMs} ms` : ""})`;
}

/** Runs `work` and returns its wall time in ms. */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A small seeded PRNG (mulberry32), so every run picks the same nodes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
