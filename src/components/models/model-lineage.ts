/**
 * The models as a graph, from their refs: nodes keyed by model name, each
 * with what it reads (upstream) and what reads it (downstream). Pure; the
 * layout (model-graph-layout.ts) and the React components build on it.
 */

export type TLineageModel = { id: string; name: string; layer: string; refs: string[] };

export type TModelLineage = {
  nodes: TLineageModel[];
  /** Model → the models it refs (only those that exist). */
  upstream: Map<string, string[]>;
  /** Model → the models that ref it. */
  downstream: Map<string, string[]>;
  edges: Array<{ from: string; to: string }>;
};

export function buildModelLineage(models: readonly TLineageModel[]): TModelLineage {
  const names = new Set(models.map((m) => m.name));
  const upstream = new Map<string, string[]>(models.map((m) => [m.name, m.refs.filter((r) => names.has(r))]));
  const downstream = new Map<string, string[]>(models.map((m) => [m.name, []]));
  const edges: TModelLineage["edges"] = [];
  for (const m of models) {
    for (const parent of upstream.get(m.name) ?? []) {
      downstream.get(parent)!.push(m.name);
      edges.push({ from: parent, to: m.name });
    }
  }
  for (const list of downstream.values()) list.sort();
  return { nodes: [...models], upstream, downstream, edges };
}

/** Everything downstream of `name`, nearest first, each with its distance (1 = refs it directly). */
export function downstreamOf(lineage: TModelLineage, name: string): Array<{ name: string; depth: number }> {
  const seen = new Map<string, number>();
  let frontier = [name];
  for (let depth = 1; frontier.length; depth++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const child of lineage.downstream.get(n) ?? []) {
        if (seen.has(child) || child === name) continue;
        seen.set(child, depth);
        next.push(child);
      }
    }
    frontier = next;
  }
  return [...seen].map(([n, depth]) => ({ name: n, depth })).sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
}
