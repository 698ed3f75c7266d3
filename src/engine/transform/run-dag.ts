/**
 * Runs a selection of models in dependency order, independent ones in
 * parallel up to `concurrency`: a model starts as soon as every selected
 * model it depends on (directly or through unselected ones) has succeeded,
 * not when a whole generation is done. A model whose upstream failed, was
 * blocked or was skipped does not run: it is recorded as skipped, naming the
 * upstream model. What "running" a model means (compile, gate on checks,
 * build in the warehouse) is the caller's `run`.
 */
import type { ModelGraph } from "@/engine/transform/model-graph";
import { scrubSecrets } from "@/lib/secret-scrub";

export type TModelOutcome =
  | { status: "succeeded" }
  | { status: "failed"; error: string }
  /** Did not run: a failed error-severity check upstream (the caller's gate). */
  | { status: "blocked"; reason: string }
  /** Did not run: an upstream model did not succeed, or the run was cancelled. */
  | { status: "skipped"; reason: string };

export type TRunDagInput = {
  graph: ModelGraph;
  models: ReadonlySet<string>;
  concurrency: number;
  run: (model: string) => Promise<TModelOutcome>;
  /** Aborting starts nothing more; models not started are skipped as cancelled. */
  signal?: AbortSignal;
};

export async function runModelDag(input: TRunDagInput): Promise<Map<string, TModelOutcome>> {
  const { graph, models, run, signal } = input;
  const concurrency = Math.max(1, Math.trunc(input.concurrency));
  const waitsFor = new Map([...models].map((m) => [m, [...graph.upstream(m)].filter((u) => models.has(u))]));
  const outcomes = new Map<string, TModelOutcome>();
  const running = new Map<string, Promise<void>>();
  const pending = new Set([...models].sort());

  const settle = (model: string, outcome: TModelOutcome) => {
    outcomes.set(model, outcome);
    pending.delete(model);
  };
  const start = (model: string) => {
    pending.delete(model);
    const job = run(model)
      .catch((e: unknown): TModelOutcome => ({ status: "failed", error: scrubSecrets(e instanceof Error ? e.message : String(e)) }))
      .then((outcome) => {
        outcomes.set(model, outcome);
        running.delete(model);
      });
    running.set(model, job);
  };

  while (pending.size || running.size) {
    for (const model of [...pending]) {
      const upstream = waitsFor.get(model)!;
      const notOk = upstream.find((u) => outcomes.has(u) && outcomes.get(u)!.status !== "succeeded");
      if (notOk) {
        settle(model, { status: "skipped", reason: `upstream model "${notOk}" ${outcomes.get(notOk)!.status}` });
        continue;
      }
      if (signal?.aborted) {
        settle(model, { status: "skipped", reason: "the run was cancelled" });
        continue;
      }
      if (running.size >= concurrency) continue;
      if (upstream.every((u) => outcomes.get(u)?.status === "succeeded")) start(model);
    }
    if (running.size) await Promise.race(running.values());
    else if (pending.size) {
      // Nothing runs and nothing can start: only possible if the selection's graph were cyclic, which ModelGraph refuses.
      for (const model of pending) settle(model, { status: "skipped", reason: "its upstream never finished" });
    }
  }
  return outcomes;
}
