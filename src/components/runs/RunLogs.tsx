"use client";
/**
 * A run's log, live: while the run is queued or running it asks every 2 s
 * for the lines after the last one it has and appends them; once the run
 * ends it fetches the tail once more. Follows the bottom unless scrolled up.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TLine = RouterOutputs["run"]["logs"][number];

const PAGE = 500; // the server's page size: a full page means there is more
const LEVEL: Record<string, string> = { error: "text-red-400", warn: "text-amber-300", info: "text-sky-300", debug: "text-slate-500" };

export function RunLogs({ runId, active }: { runId: string; active: boolean }) {
  const utils = trpc.useUtils();
  const [lines, setLines] = useState<TLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const lastId = useRef<string | undefined>(undefined);
  const busy = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  const pull = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (;;) {
        const batch = await utils.client.run.logs.query({ id: runId, afterId: lastId.current });
        const last = batch[batch.length - 1];
        if (last) {
          lastId.current = last.id;
          setLines((prev) => [...prev, ...batch.filter((l) => BigInt(l.id) > BigInt(prev[prev.length - 1]?.id ?? "0"))]);
        }
        setError(null);
        if (batch.length < PAGE) break;
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
    }
  }, [runId, utils]);

  useEffect(() => {
    void pull();
    if (!active) return;
    const timer = setInterval(() => void pull(), 2_000);
    return () => clearInterval(timer);
  }, [active, pull]);

  useEffect(() => {
    if (following.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);

  const onScroll = () => {
    const el = box.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };

  return (
    <div>
      {error ? (
        <p role="alert" className="mb-2 text-sm text-red-700">
          Could not load logs: {error}
        </p>
      ) : null}
      <div
        ref={box}
        onScroll={onScroll}
        className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-200"
        data-testid="run-logs"
        data-lines={lines.length}
      >
        {lines.length === 0 ? (
          <p className="text-slate-500">{active ? "Waiting for the worker to write the first line…" : "This run wrote no log lines."}</p>
        ) : (
          lines.map((l) => (
            <div key={l.id} className="whitespace-pre-wrap" data-testid="run-log-line">
              <span className="text-slate-500">{l.at.toLocaleTimeString("en-GB")}</span>{" "}
              <span className={LEVEL[l.level] ?? "text-slate-300"}>{l.level.padEnd(5)}</span>{" "}
              {l.attempt > 1 ? <span className="text-slate-500">[attempt {l.attempt}] </span> : null}
              {l.message}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
