/**
 * The streaming benchmark's figures: the throughput table (messages/s, MB/s
 * of message values, peak RSS, ratio to the bare consumer), latency
 * percentiles, and the process's peak RSS, which Linux lets a process reset
 * (`5` into /proc/self/clear_refs) so that each phase gets its own.
 */
import { readFileSync, writeFileSync } from "node:fs";

const MIB = 2 ** 20;

export type TThroughputLine = {
  path: string;
  messages: number;
  bytes: number;
  seconds: number;
  /** CPU seconds this process used (all its threads: JavaScript, libuv, DuckDB). */
  cpuSeconds?: number;
  peakRssBytes?: number;
  /** Messages/s of the reference this line is compared with. */
  referenceRate?: number;
};

const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n");
}

export function throughputTable(lines: readonly TThroughputLine[]): string {
  const header = ["path", "messages", "seconds", "msg/s", "MB/s", "CPU µs/msg", "peak RSS", "ratio"];
  const body = lines.map((l) => {
    const rate = l.messages / l.seconds;
    return [
      l.path,
      thousands(l.messages),
      l.seconds.toFixed(2),
      thousands(rate),
      (l.bytes / MIB / l.seconds).toFixed(1),
      l.cpuSeconds === undefined ? "-" : ((l.cpuSeconds * 1e6) / l.messages).toFixed(1),
      l.peakRssBytes === undefined ? "-" : `${Math.round(l.peakRssBytes / MIB)} MB`,
      l.referenceRate === undefined ? "-" : (rate / l.referenceRate).toFixed(2),
    ];
  });
  return pad([header, ...body]);
}

/** The q-quantile (0…1) of `values` by the nearest-rank method; sorts in place. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return Number.NaN;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))]!;
}

export function latencyLine(latencies: number[]): string {
  const ms = (q: number) => `${thousands(quantile(latencies, q))} ms`;
  return `p50 ${ms(0.5)}, p90 ${ms(0.9)}, p99 ${ms(0.99)}, max ${ms(1)} over ${thousands(latencies.length)} messages`;
}

/** Forgets the process's peak RSS so far (Linux); false where that is not possible. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** The process's peak RSS (VmHWM) since start or the last reset, in bytes; undefined off Linux. */
export function peakRss(): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds this process has used since `from` (a process.cpuUsage() reading). */
export function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

export const mib = (bytes: number | undefined) => (bytes === undefined ? "-" : `${Math.round(bytes / MIB)} MB`);
