"use client";
/**
 * Which picture the explorer draws. While parts of the graph are still
 * arriving or being laid out the previous picture stays up; once the layout
 * of the current graph is done it replaces it, moved so that the anchor (the
 * node just expanded, or the center) stays where it was on screen.
 */
import { useRef } from "react";
import type { TShownGraph } from "@/components/lineage/LineageCanvas";
import { anchorLayout, type TLayoutResult } from "@/components/lineage/graph-geometry";
import type { TGraphModel } from "@/components/lineage/graph-model";
import type { TGraphOutput } from "@/server/lineage/lineage-contracts";

export type TSnapshot = { parts: ReadonlyArray<TGraphOutput | undefined>; columns: boolean };

/** The latest complete set of responses and the column mode they were fetched for; the same object until that changes. */
export function useSettledSnapshot(settled: boolean, parts: Array<TGraphOutput | undefined>, columns: boolean): TSnapshot | null {
  const ref = useRef<TSnapshot | null>(null);
  const prev = ref.current;
  const changed = !prev || prev.columns !== columns || prev.parts.length !== parts.length || prev.parts.some((p, i) => p !== parts[i]);
  if (settled && changed) ref.current = { parts, columns };
  return ref.current;
}

/** `view`: the depth and stale-edge setting; changing either (like a new dataset or column level) fits the picture anew. */
export function useShownGraph(
  visible: TGraphModel | null,
  columnMode: boolean,
  result: TLayoutResult | null,
  key: string | null,
  anchor: string | null,
  view = "",
): TShownGraph | null {
  const ref = useRef<{ raw: TLayoutResult; shown: TShownGraph } | null>(null);
  const current = ref.current;
  if (!visible || !result || result.key !== key) return current?.shown ?? null;
  if (current && current.raw === result && current.shown.model === visible) return current.shown;
  const previous = current?.shown;
  // A new dataset, depth or stale-edge setting, or a switch between table and column level changes the picture's scale: fit it anew.
  const fitToken = `${visible.center}|${columnMode}|${view}`;
  const sameView = previous?.fitToken === fitToken;
  const pinned = anchor ?? visible.center;
  const layout = current?.raw === result ? current.shown.layout : sameView ? anchorLayout(result, previous.layout.positions, pinned) : result;
  const shown = { model: visible, layout, columnMode, fitToken, anchor: pinned };
  ref.current = { raw: result, shown };
  return shown;
}
