import { describe, expect, it } from "vitest";

import { ModelGraph } from "@/engine/transform/model-graph";
import { type TModelOutcome, runModelDag } from "@/engine/transform/run-dag";

const graph = ModelGraph.build([
  { name: "a", refs: [] },
  { name: "b", refs: [] },
  { name: "c", refs: [] },
  { name: "ab", refs: ["a", "b"] },
  { name: "slow_leaf", refs: ["c"] },
  { name: "top", refs: ["ab"] },
]);
const all = new Set(["a", "b", "c", "ab", "slow_leaf", "top"]);
/**
 * A run that records start/end events. A model listed in `hold` ends only once
 * its promise settles (e.g. another model's end, or a gate the test opens);
 * the rest end after one turn of the event loop.
 */
function recorder(hold: Record<string, () => Promise<unknown>> = {}, outcome: (model: string) => TModelOutcome = () => ({ status: "succeeded" })) {
  const events: string[] = [];
  const waiting = new Map<string, (() => void)[]>();
  let active = 0;
  let peak = 0;
  const record = (event: string) => {
    events.push(event);
    for (const wake of waiting.get(event) ?? []) wake();
    waiting.delete(event);
  };
  /** Settles once `event` has been recorded. */
  const reached = (event: string) =>
    events.includes(event) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(event, [...(waiting.get(event) ?? []), resolve]));
  const run = async (model: string) => {
    record(`start ${model}`);
    peak = Math.max(peak, ++active);
    await (hold[model] ?? (() => new Promise((resolve) => setImmediate(resolve))))();
    active--;
    record(`end ${model}`);
    return outcome(model);
  };
  return { events, run, reached, peak: () => peak };
}

/** A promise the test resolves when it chooses. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("runModelDag", () => {
  it("runs every model after its upstream, independent ones in parallel up to the concurrency", async () => {
    // slow_leaf ends only after top has: were top held back until slow_leaf ended, this would never finish.
    const r = recorder({ slow_leaf: () => r.reached("end top") });
    const outcomes = await runModelDag({ graph, models: all, concurrency: 2, run: r.run });
    expect([...outcomes.values()].every((o) => o.status === "succeeded")).toBe(true);
    expect(r.peak()).toBe(2);
    const at = (e: string) => r.events.indexOf(e);
    expect(at("start ab")).toBeGreaterThan(Math.max(at("end a"), at("end b")));
    expect(at("start top")).toBeGreaterThan(at("end ab"));
    expect(at("start slow_leaf")).toBeGreaterThan(at("end c"));
    // top does not wait for slow_leaf, which is in an earlier-or-same generation: scheduling follows dependencies, not generations.
    expect(at("end top")).toBeLessThan(at("end slow_leaf"));
  });

  it("never exceeds a concurrency of one", async () => {
    const r = recorder();
    await runModelDag({ graph, models: all, concurrency: 1, run: r.run });
    expect(r.peak()).toBe(1);
    expect(r.events.filter((e) => e.startsWith("start"))).toHaveLength(6);
  });

  it("skips what is downstream of a failed or blocked model, naming it, and runs the rest", async () => {
    const r = recorder({}, (m) =>
      m === "a" ? { status: "failed", error: "syntax error" } : m === "c" ? { status: "blocked", reason: 'check "not null" failed' } : { status: "succeeded" },
    );
    const outcomes = await runModelDag({ graph, models: all, concurrency: 4, run: r.run });
    expect(Object.fromEntries(outcomes)).toEqual({
      a: { status: "failed", error: "syntax error" },
      b: { status: "succeeded" },
      c: { status: "blocked", reason: 'check "not null" failed' },
      ab: { status: "skipped", reason: 'upstream model "a" failed' },
      slow_leaf: { status: "skipped", reason: 'upstream model "c" blocked' },
      top: { status: "skipped", reason: 'upstream model "ab" skipped' },
    });
    expect(r.events).not.toContain("start ab");
    expect(r.events).not.toContain("start top");
  });

  it("records a thrown error as the model's failure", async () => {
    const outcomes = await runModelDag({
      graph,
      models: new Set(["a", "ab"]),
      concurrency: 2,
      run: async (m) => {
        if (m === "a") throw new Error("warehouse unreachable");
        return { status: "succeeded" };
      },
    });
    expect(outcomes.get("a")).toEqual({ status: "failed", error: "warehouse unreachable" });
    expect(outcomes.get("ab")).toEqual({ status: "skipped", reason: 'upstream model "a" failed' });
  });

  it("starts nothing after a cancel; what had not started is skipped", async () => {
    const controller = new AbortController();
    const a = gate();
    const r = recorder({ a: () => a.opened });
    const done = runModelDag({ graph, models: new Set(["a", "ab", "top"]), concurrency: 1, run: r.run, signal: controller.signal });
    await r.reached("start a");
    controller.abort();
    a.open();
    const outcomes = await done;
    expect(outcomes.get("a")).toEqual({ status: "succeeded" });
    expect(outcomes.get("ab")).toEqual({ status: "skipped", reason: "the run was cancelled" });
    expect(r.events).toEqual(["start a", "end a"]);
  });
});
