"use client";
/**
 * What the nodes can ask of the explorer (load more lineage, trace a
 * column), passed through context so the memoised node components take no
 * callbacks as props and re-render only when their own data changes.
 */
import { createContext } from "react";
import type { TSide } from "@/components/lineage/flow-elements";

export type TLineageActions = {
  expand: (nodeId: string, side: TSide) => void;
  selectColumn: (nodeId: string, column: string) => void;
};

export const LineageActions = createContext<TLineageActions>({ expand: () => {}, selectColumn: () => {} });
