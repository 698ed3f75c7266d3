/**
 * The layout worker: runs dagre (graph-layout.ts) off the main thread, one
 * request at a time, and answers with the request's id so the page can drop
 * answers it no longer needs.
 */
import { layoutGraph } from "@/components/lineage/graph-layout";
import type { TLayoutRequest, TLayoutResponse } from "@/components/lineage/graph-geometry";

// The project compiles against the DOM library, not the worker one; this is the part of the worker scope used here.
const scope = self as unknown as { onmessage: ((event: MessageEvent<TLayoutRequest>) => void) | null; postMessage: (message: TLayoutResponse) => void };

scope.onmessage = (event) => {
  const { id, input } = event.data;
  try {
    scope.postMessage({ id, result: layoutGraph(input) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
