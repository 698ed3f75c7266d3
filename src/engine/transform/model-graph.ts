/**
 * The model graph: an edge from each model to every model that refs it
 * (graphology, with graphology-dag for topological order). Built from the
 * refs the templates declare; refuses unknown refs and cycles with a message
 * naming them, selects models with dbt's syntax (`m`, `+m`, `m+`, `+m+`) and
 * orders a selection into generations that can run in parallel.
 */
import { DirectedGraph } from "graphology";
import { hasCycle, topologicalGenerations } from "graphology-dag";

import { AppError } from "@/lib/app-error";

export type TModelRefs = { name: string; refs: readonly string[] };

/** One cycle as a path that returns to its start, e.g. ["a", "b", "a"]. */
function findCycle(graph: DirectedGraph): string[] {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.outNeighbors(node)) {
      if (state.get(next) === "open") return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of [...graph.nodes()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return [];
}

export class ModelGraph {
  private constructor(private readonly graph: DirectedGraph) {}

  /** The graph of `models`; BAD_INPUT naming every unknown ref, or a cycle. */
  static build(models: readonly TModelRefs[]): ModelGraph {
    const graph = new DirectedGraph();
    for (const model of models) {
      if (graph.hasNode(model.name)) throw new AppError("BAD_INPUT", `Two models are named "${model.name}"; model names must be unique.`);
      graph.addNode(model.name);
    }
    const unknown = models.flatMap((m) => m.refs.filter((ref) => !graph.hasNode(ref)).map((ref) => `"${m.name}" refers to "${ref}"`));
    if (unknown.length)
      throw new AppError("BAD_INPUT", `Unknown model${unknown.length > 1 ? "s" : ""} in ref(): ${unknown.join("; ")}. Create the model or fix the name.`);
    for (const model of models) for (const ref of model.refs) graph.mergeEdge(ref, model.name);
    if (hasCycle(graph)) {
      throw new AppError(
        "BAD_INPUT",
        `The models' refs form a cycle: ${findCycle(graph).join(" → ")}. A model cannot depend on itself, directly or through others.`,
      );
    }
    return new ModelGraph(graph);
  }

  has(name: string): boolean {
    return this.graph.hasNode(name);
  }

  /** The models `name` refs directly. */
  parents(name: string): string[] {
    return this.graph.inNeighbors(name);
  }

  /** Every model `name` depends on, directly or not. */
  upstream(name: string): Set<string> {
    return this.reach(name, (n) => this.graph.inNeighbors(n));
  }

  /** Every model that depends on `name`, directly or not. */
  downstream(name: string): Set<string> {
    return this.reach(name, (n) => this.graph.outNeighbors(n));
  }

  private reach(start: string, next: (node: string) => string[]): Set<string> {
    this.assertModel(start);
    const seen = new Set<string>();
    const queue = [...next(start)];
    while (queue.length) {
      const node = queue.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      queue.push(...next(node));
    }
    return seen;
  }

  private assertModel(name: string): void {
    if (!this.graph.hasNode(name)) throw new AppError("BAD_INPUT", `There is no model "${name}".`);
  }

  /** dbt's selection: `m` the model, `+m` with its upstream, `m+` with its downstream, `+m+` both. */
  select(selector: string): Set<string> {
    const match = /^(\+?)([^+\s]+)(\+?)$/.exec(selector.trim());
    if (!match) throw new AppError("BAD_INPUT", `"${selector}" is not a model selector: use name, +name (with upstream), name+ (with downstream) or +name+.`);
    const [, up, name, down] = match as unknown as [string, string, string, string];
    this.assertModel(name);
    return new Set([name, ...(up ? this.upstream(name) : []), ...(down ? this.downstream(name) : [])]);
  }

  /**
   * The models (all, or `only`) in generations: each depends only on earlier
   * ones, so a generation's models can run in parallel. Computed on the whole
   * graph, so a selection keeps the order its models have through
   * unselected ones.
   */
  generations(only?: ReadonlySet<string>): string[][] {
    return topologicalGenerations(this.graph)
      .map((generation) => generation.filter((name) => !only || only.has(name)).sort())
      .filter((generation) => generation.length > 0);
  }
}
