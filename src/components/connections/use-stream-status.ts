"use client";
/**
 * The status of a streaming connection, polled every 2 s while its page is
 * open. The header badge, the controls and the stream panel all call this
 * hook; they share one query (same key), so the page asks once per tick.
 */
import { trpc } from "@/components/trpc/trpc-react";

export const STREAM_STATUS_POLL_MS = 2_000;

export function useStreamStatus(connectionId: string, enabled = true) {
  return trpc.connection.streamStatus.useQuery({ id: connectionId }, { enabled, refetchInterval: STREAM_STATUS_POLL_MS, refetchIntervalInBackground: false });
}
