"use client";
/**
 * The lineage explorer: opens on one dataset at a depth, expands nodes on
 * demand, switches to column level, hides stale edges and traces paths.
 * State that a link should carry (dataset, depth, column mode, hiding stale
 * edges) lives in the URL; expansions and the traced path live here.
 */
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { LineageCanvas } from "@/components/lineage/LineageCanvas";
import { LineageLegend } from "@/components/lineage/LineageLegend";
import { LineageSearch } from "@/components/lineage/LineageSearch";
import { LineageToolbar } from "@/components/lineage/LineageToolbar";
import { PickDataset } from "@/components/lineage/PickDataset";
import type { TSide } from "@/components/lineage/flow-elements";
import { buildLayoutInput } from "@/components/lineage/graph-geometry";
import {
  drawableColumnEdges,
  expandCounts,
  highlightPath,
  mergeGraphs,
  visibleGraph,
  type TGraphModel,
  type TSelection,
} from "@/components/lineage/graph-model";
import { LineageActions, type TLineageActions } from "@/components/lineage/lineage-actions";
import { lineageHref, parseLineageParams, type TLineageParams } from "@/components/lineage/lineage-params";
import { useGraphLayout } from "@/components/lineage/use-graph-layout";
import { useShownGraph, useSettledSnapshot } from "@/components/lineage/use-shown-graph";
import { trpc } from "@/components/trpc/trpc-react";

type TUpdateParams = (patch: Partial<TLineageParams>, mode?: "push" | "replace") => void;
type TExpansion = { id: string; side: TSide };

const NO_EXPANSIONS: TExpansion[] = [];
const GRAPH_QUERY = { staleTime: 60_000 };

function useLineageParams(): [TLineageParams, TUpdateParams] {
  const search = useSearchParams();
  const fromUrl = useMemo(() => parseLineageParams(search), [search]);
  // Next updates useSearchParams after a History API call in a transition, a little later; until it
  // has, the new settings are held here so a checkbox or select shows its new value at once.
  const [pending, setPending] = useState<TLineageParams | null>(null);
  useEffect(() => setPending(null), [fromUrl]);
  const params = pending ?? fromUrl;
  const update = useCallback<TUpdateParams>(
    (patch, mode = "replace") => {
      const next = { ...params, ...patch };
      setPending(next);
      // Next keeps useSearchParams in step with the History API, without a server round trip.
      if (mode === "push") window.history.pushState(null, "", lineageHref(next));
      else window.history.replaceState(null, "", lineageHref(next));
    },
    [params],
  );
  return [params, update];
}

export function LineageExplorer() {
  const [params, setParams] = useLineageParams();
  const pick = useCallback((id: string) => setParams({ dataset: id }, "push"), [setParams]);
  if (!params.dataset) return <PickDataset onPick={pick} />;
  return <DatasetLineage params={params} dataset={params.dataset} setParams={setParams} onPick={pick} />;
}

function DatasetLineage({
  params,
  dataset,
  setParams,
  onPick,
}: {
  params: TLineageParams;
  dataset: string;
  setParams: TUpdateParams;
  onPick: (id: string) => void;
}) {
  const scope = `${dataset}|${params.depth}`;
  const [expansions, setExpansions] = useState<{ scope: string; list: TExpansion[] }>({ scope, list: [] });
  const list = expansions.scope === scope ? expansions.list : NO_EXPANSIONS;
  const [selected, setSelected] = useState<{ scope: string; selection: TSelection }>({ scope, selection: null });
  const selection = selected.scope === scope && (params.columns || selected.selection?.kind !== "column") ? selected.selection : null;
  const anchor = useRef<string | null>(null);

  const base = trpc.lineage.graph.useQuery(
    { datasetId: dataset, depth: params.depth, columns: params.columns },
    { ...GRAPH_QUERY, placeholderData: (prev) => (prev?.center === dataset ? prev : undefined) },
  );
  const more = trpc.useQueries((t) => list.map((e) => t.lineage.graph({ datasetId: e.id, depth: 1, direction: e.side, columns: params.columns }, GRAPH_QUERY)));

  // A new picture is drawn only once every part for the current settings has arrived.
  const settled = !!base.data && !base.isPlaceholderData && more.every((q) => q.data || q.error);
  const snapshot = useSettledSnapshot(settled, [base.data, ...more.map((q) => q.data)], params.columns);
  const merged = useMemo(() => (snapshot ? mergeGraphs(snapshot.parts) : null), [snapshot]);
  const visible = useMemo(() => (merged ? visibleGraph(merged, params.hideStale) : null), [merged, params.hideStale]);
  const layoutInput = useMemo(() => (visible && snapshot ? buildLayoutInput(visible, snapshot.columns) : null), [visible, snapshot]);
  const layout = useGraphLayout(layoutInput);
  const shown = useShownGraph(
    visible,
    snapshot?.columns ?? false,
    layout.result,
    layoutInput?.key ?? null,
    anchor.current,
    `${params.depth}|${params.hideStale}`,
  );

  const expand = useMemo(() => {
    const counts = merged ? expandCounts(merged) : new Map();
    list.forEach((e, i) => {
      const c = counts.get(e.id);
      if (c && more[i]?.data) counts.set(e.id, { ...c, [e.side]: 0 });
    });
    return counts;
    // `more` is a new array each render; what matters is which expansions have arrived.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by which expansions arrived, not by the array's identity
  }, [merged, list, more.map((q) => !!q.data).join()]);
  const expandingKey = list
    .filter((_, i) => more[i]?.isFetching)
    .map((e) => `${e.id}:${e.side}`)
    .join();
  const expanding = useMemo(() => new Map(expandingKey ? expandingKey.split(",").map((k) => k.split(":") as [string, TSide]) : []), [expandingKey]);
  const highlight = useMemo(
    () => highlightPath(shown?.model ?? EMPTY_MODEL, shown?.columnMode ? drawableColumnEdges(shown.model) : [], selection),
    [shown, selection],
  );

  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const actions = useMemo<TLineageActions>(
    () => ({
      expand: (id, side) => {
        anchor.current = id;
        setExpansions((prev) => {
          const current = prev.scope === scopeRef.current ? prev.list : [];
          return current.some((e) => e.id === id && e.side === side) ? prev : { scope: scopeRef.current, list: [...current, { id, side }] };
        });
      },
      selectColumn: (node, column) => setSelected({ scope: scopeRef.current, selection: { kind: "column", node, column } }),
    }),
    [],
  );
  const selectNode = useCallback((id: string | null) => setSelected({ scope: scopeRef.current, selection: id ? { kind: "node", id } : null }), []);
  const change = useCallback(
    (patch: Partial<TLineageParams>) => {
      anchor.current = null;
      setParams(patch);
    },
    [setParams],
  );

  const fetching = base.isFetching || more.some((q) => q.isFetching);
  const pending = fetching || !settled || !layoutInput || layout.result?.key !== layoutInput.key;
  const failedMore = list.flatMap((e, i) => (more[i]?.error ? [{ ...e, message: more[i]!.error!.message }] : []));
  const error = base.error?.message ?? layout.error ?? null;
  const model = shown?.model;
  const status = model ? (
    <span data-testid="lineage-status" title={shown ? `Laid out in ${shown.layout.tookMs} ms` : undefined}>
      {model.nodes.length} dataset{model.nodes.length === 1 ? "" : "s"} · {model.edges.length} edge{model.edges.length === 1 ? "" : "s"}
      {pending ? " · updating…" : ""}
    </span>
  ) : null;

  return (
    <Panel className="flex h-[calc(100vh-13rem)] min-h-[520px] flex-col overflow-hidden">
      <LineageToolbar params={params} onChange={change} search={<LineageSearch onPick={onPick} />} status={status} />
      {merged?.truncated ? (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900" data-testid="lineage-truncated">
          This neighbourhood is large: the furthest datasets were left out. Lower the depth or expand nodes one at a time.
        </p>
      ) : null}
      {failedMore.length > 0 ? (
        <div className="flex items-start gap-2 border-b border-slate-200 px-4 py-2">
          <div className="flex-1">
            <ErrorAlert message={`Could not load more lineage: ${failedMore.map((f) => f.message).join("; ")}`} testId="lineage-expand-error" />
          </div>
          <Button
            variant="quiet"
            size="sm"
            className="underline"
            onClick={() => setExpansions({ scope, list: list.filter((e) => !failedMore.some((f) => f.id === e.id && f.side === e.side)) })}
          >
            Dismiss
          </Button>
        </div>
      ) : null}
      <div className="relative min-h-0 flex-1">
        <LineageActions.Provider value={actions}>
          <LineageCanvas shown={shown} pending={pending} highlight={highlight} expand={expand} expanding={expanding} onSelectNode={selectNode} />
        </LineageActions.Provider>
        {error ? (
          <Overlay>
            <ErrorAlert message={error} testId="lineage-error" />
          </Overlay>
        ) : null}
        {!error && !shown ? (
          <Overlay>
            <p className="text-sm text-slate-500" data-testid="lineage-loading">
              Loading lineage…
            </p>
          </Overlay>
        ) : null}
        {!error && model && model.nodes.length === 1 && !pending ? (
          <p className="pointer-events-none absolute inset-x-0 top-4 text-center text-sm text-slate-500" data-testid="lineage-empty">
            No lineage recorded for this dataset yet: it appears here once a sync, a model or an OpenLineage producer reads or writes it.
          </p>
        ) : null}
      </div>
      <LineageLegend columnMode={params.columns} />
    </Panel>
  );
}

const EMPTY_MODEL: TGraphModel = { center: "", nodes: [], edges: [], columnEdges: [], truncated: false };

function Overlay({ children }: { children: ReactNode }) {
  return <div className="absolute inset-0 z-10 flex items-center justify-center bg-white/70 p-6">{children}</div>;
}
