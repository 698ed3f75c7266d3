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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run that records start/end events and takes `ms[model]` (default 10 ms). */
function recorder(ms: Record<string, number> = {}, outcome: (model: string) => TModelOutcome = () => ({ status: "succeeded" })) {
  const events: string[] = [];
  let active = 0;
  let peak = 0;
  const run = async (model: string) => {
    events.push(`start ${model}`);
    peak = Math.max(peak, ++active);
    await sleep(ms[model] ?? 10);
    active--;
    events.push(`end ${model}`);
    return outcome(model);
  };
  return { events, run, peak: () => peak };
}

describe("runModelDag", () => {
  it("runs every model after its upstream, independent ones in parallel up to the concurrency", async () => {
    const r = recorder({ slow_leaf: 80 });
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
    const r = recorder({}, (m) => (m === "a" ? { status: "failed", error: "syntax error" } : m === "c" ? { status: "blocked", reason: 'check "not null" failed' } : { status: "succeeded" }));
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
    const r = recorder({ a: 30 });
    const done = runModelDag({ graph, models: new Set(["a", "ab", "top"]), concurrency: 1, run: r.run, signal: controller.signal });
    await sleep(5);
    controller.abort();
    const outcomes = await done;
    expect(outcomes.get("a")).toEqual({ status: "succeeded" });
    expect(outcomes.get("ab")).toEqual({ status: "skipped", reason: "the run was cancelled" });
    expect(r.events).toEqual(["start a", "end a"]);
  });
});
