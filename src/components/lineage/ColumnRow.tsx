"use client";
/**
 * One column of a dataset in column mode: its name, type and PII mark, with
 * a React Flow handle on each side so column edges connect the rows. A click
 * traces the column's upstream and downstream path.
 */
import { Handle, Position } from "@xyflow/react";
import { memo, useContext } from "react";
import { COLUMN_ROW_HEIGHT, columnIn, columnOut } from "@/components/lineage/graph-geometry";
import { LineageActions } from "@/components/lineage/lineage-actions";

type TProps = {
  nodeId: string;
  nodeName: string;
  name: string;
  type: string;
  pii: boolean;
  /** null: no column is selected; true/false: on the selected column's path or not. */
  onPath: boolean | null;
};

const HANDLE_STYLE = { opacity: 0, pointerEvents: "none" } as const;

export const ColumnRow = memo(function ColumnRow({ nodeId, nodeName, name, type, pii, onPath }: TProps) {
  const { selectColumn } = useContext(LineageActions);
  const tone = onPath === null ? "hover:bg-white/70" : onPath ? "bg-indigo-100 font-medium text-indigo-950" : "opacity-40";
  return (
    <div
      className={`relative flex cursor-pointer items-center gap-2 px-3 text-xs ${tone}`}
      style={{ height: COLUMN_ROW_HEIGHT }}
      data-testid="lineage-column"
      data-node={nodeName}
      data-column={name}
      data-highlighted={onPath ? "true" : undefined}
      title={`${name} (${type}) — click to trace where it comes from and what it feeds`}
      onClick={(event) => {
        event.stopPropagation();
        selectColumn(nodeId, name);
      }}
    >
      <Handle type="target" position={Position.Left} id={columnIn(name)} isConnectable={false} style={HANDLE_STYLE} />
      <span className="truncate font-mono text-slate-800">{name}</span>
      {pii ? <span className="shrink-0 rounded bg-rose-100 px-1 text-[10px] font-medium text-rose-800">PII</span> : null}
      <span className="ml-auto shrink-0 truncate font-mono text-[10px] text-slate-400" style={{ maxWidth: 88 }}>
        {type}
      </span>
      <Handle type="source" position={Position.Right} id={columnOut(name)} isConnectable={false} style={HANDLE_STYLE} />
    </div>
  );
});
