"use client";
/**
 * Lays the visible graph out in a Web Worker (layout.worker.ts), so dagre on
 * a large neighbourhood never blocks scrolling or typing. Layouts are cached
 * by their key (the datasets, edges and heights), so toggling back and forth
 * or returning to a dataset is instant. Without Worker support, or if the
 * worker fails to start, dagre is loaded on demand and run on the main thread.
 */
import { useEffect, useRef, useState } from "react";
import type { TLayoutInput, TLayoutResponse, TLayoutResult } from "@/components/lineage/graph-geometry";

const CACHE_SIZE = 24;
const cache = new Map<string, TLayoutResult>();

function remember(result: TLayoutResult): void {
  cache.delete(result.key);
  cache.set(result.key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

function startWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    return new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  } catch {
    return null;
  }
}

async function layoutOnMainThread(input: TLayoutInput): Promise<TLayoutResult> {
  const { layoutGraph } = await import("@/components/lineage/graph-layout");
  return layoutGraph(input);
}

export type TLayoutState = {
  /** The newest finished layout; its key may be older than the input's while a layout runs. */
  result: TLayoutResult | null;
  error: string | null;
};

export function useGraphLayout(input: TLayoutInput | null): TLayoutState {
  const worker = useRef<Worker | null>(null);
  const broken = useRef(false);
  const waiting = useRef(new Map<number, (response: TLayoutResponse) => void>());
  const latest = useRef(0);
  const [state, setState] = useState<TLayoutState>({ result: null, error: null });

  // Started on mount, so the worker loads while the first neighbourhood is fetched.
  useEffect(() => {
    const started = startWorker();
    const pending = waiting.current;
    worker.current = started;
    if (started) {
      started.onmessage = (event: MessageEvent<TLayoutResponse>) => {
        const done = pending.get(event.data.id);
        pending.delete(event.data.id);
        done?.(event.data);
      };
      started.onerror = (event) => {
        event.preventDefault();
        broken.current = true;
        for (const [id, done] of pending) done({ id, error: "The layout worker failed." });
        pending.clear();
      };
    }
    return () => {
      started?.terminate();
      worker.current = null;
      pending.clear();
    };
  }, []);

  const key = input?.key ?? null;
  useEffect(() => {
    if (!input || cache.has(input.key)) return;
    const id = ++latest.current;
    const accept = (result: TLayoutResult) => {
      remember(result);
      if (id === latest.current) setState({ result, error: null });
    };
    const fail = (message: string) => {
      if (id === latest.current) setState((s) => ({ ...s, error: message }));
    };
    const onMainThread = () => layoutOnMainThread(input).then(accept, (err: unknown) => fail(err instanceof Error ? err.message : String(err)));
    if (!worker.current || broken.current) {
      void onMainThread();
      return;
    }
    waiting.current.set(id, (response) => {
      if ("result" in response) accept(response.result);
      else if (broken.current) void onMainThread();
      else fail(response.error);
    });
    worker.current.postMessage({ id, input });
    // The key names the input: a new array with the same key needs no new layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the input's key, not its identity
  }, [key]);

  const cached = key ? cache.get(key) : undefined;
  return cached ? { result: cached, error: null } : state;
}
