/**
 * How a streaming connection's status reads on screen: which control
 * actions its state allows (the server's transitions, so only valid buttons
 * show), the throughput series filled out to a steady five-minute window
 * for the chart, and rates. Pure.
 */
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TStreamStatus = RouterOutputs["connection"]["streamStatus"];
export type TStreamState = TStreamStatus["state"];
export type TStreamAction = "start" | "pause" | "resume" | "stop";

/** The window and bucket of the status's series (src/server/connections/stream-control.ts). */
export const SERIES_WINDOW_S = 300;
export const SERIES_BUCKET_S = 5;

/** The actions the server accepts from a state, in the order the buttons show. */
export function streamActions(state: TStreamState): TStreamAction[] {
  switch (state) {
    case "running":
      return ["pause", "stop"];
    case "paused":
      return ["resume", "stop"];
    default:
      return ["start"];
  }
}

export const STATE_LABEL: Record<NonNullable<TStreamState> | "none", string> = {
  running: "running",
  paused: "paused",
  stopped: "stopped",
  none: "not started",
};

export type TThroughputPoint = { at: number; messagesPerSecond: number; deadLetters: number };

/**
 * One point per bucket of the last SERIES_WINDOW_S seconds, oldest first;
 * buckets without samples are zero, so the chart's time axis stays put
 * between polls instead of stretching over whatever buckets had traffic.
 */
export function throughputSeries(series: TStreamStatus["series"], now: number = Date.now()): TThroughputPoint[] {
  const bucketMs = SERIES_BUCKET_S * 1000;
  const last = Math.floor(now / bucketMs) * bucketMs;
  const first = last - (SERIES_WINDOW_S / SERIES_BUCKET_S - 1) * bucketMs;
  const byBucket = new Map(series.map((s) => [Math.floor(s.at.getTime() / bucketMs) * bucketMs, s]));
  const points: TThroughputPoint[] = [];
  for (let at = first; at <= last; at += bucketMs) {
    const s = byBucket.get(at);
    points.push({ at, messagesPerSecond: s?.messagesPerSecond ?? 0, deadLetters: s?.deadLetters ?? 0 });
  }
  return points;
}

/** A per-second rate: whole numbers with separators, one decimal for fractions below 10. */
export function formatRate(perSecond: number): string {
  if (Number.isInteger(perSecond)) return perSecond.toLocaleString("en-US");
  if (perSecond < 10) return perSecond.toFixed(1);
  return Math.round(perSecond).toLocaleString("en-US");
}

/** The dead-letter topic of each topic (the source's suffix, `.weir-dlq` unless configured). */
export function deadLetterTopics(topics: string[], suffix: string | undefined): string[] {
  return topics.map((t) => `${t}${suffix || ".weir-dlq"}`);
}
