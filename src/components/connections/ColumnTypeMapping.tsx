"use client";
/**
 * How each column of the selected streams travels: the source's type, the
 * Weir type, and the destination's column type. A cell whose values arrive
 * converted by a documented rule is marked (amber, with the rule), and so
 * is one with values the destination refuses (red, the refused classes): a
 * run that meets those fails naming the row, never changing it silently.
 */
import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TColumn = RouterOutputs["connection"]["typeMapping"][number]["columns"][number];
type TMark = "converted" | "refuses" | "exact";

const TINT: Record<TMark, string> = { converted: "bg-amber-50", refuses: "bg-red-50", exact: "" };

function Note({ kind, text }: { kind: "converted" | "refuses"; text: string }) {
  const style = kind === "converted" ? "bg-amber-100 text-amber-900" : "bg-red-100 text-red-800";
  return (
    <span className={`mt-1 block rounded px-1.5 py-0.5 text-xs ${style}`} data-testid={`type-note-${kind}`}>
      <span className="font-semibold">{kind === "converted" ? "Converted" : "Refuses"}:</span> {text}
    </span>
  );
}

/** A type cell, tinted by its mark; the specs read the mark from data-marked. */
function Marked({ mark, testId, children }: { mark: TMark; testId: string; children: ReactNode }) {
  return (
    <div className={`-mx-2 -my-1 rounded px-2 py-1 ${TINT[mark]}`} data-testid={testId} data-marked={mark}>
      {children}
    </div>
  );
}

const destinationMark = (c: TColumn): TMark => (c.destination.conversion ? "converted" : c.destination.refuses.length ? "refuses" : "exact");

const COLUMNS: TDataColumn<TColumn>[] = [
  { id: "column", header: "Column", className: "font-mono text-xs", cell: (c) => c.name },
  {
    id: "source",
    header: "Source type",
    className: "font-mono text-xs",
    cell: (c) => (
      <Marked mark={c.sourceConversion ? "converted" : "exact"} testId="type-mapping-source">
        {c.sourceType ?? "—"}
        {c.sourceConversion ? <Note kind="converted" text={c.sourceConversion} /> : null}
      </Marked>
    ),
  },
  {
    id: "weir",
    header: "Weir type",
    className: "font-mono text-xs",
    testId: "type-mapping-weir",
    cell: (c) => (
      <>
        {c.weirType}
        {c.choice ? (
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs text-slate-700" data-testid="type-mapping-choice">
            {c.choice === "cast" ? "kept: new values cast" : "ignored: not loaded"}
          </span>
        ) : null}
      </>
    ),
  },
  {
    id: "destination",
    header: "Destination type",
    className: "font-mono text-xs",
    cell: (c) => (
      <Marked mark={destinationMark(c)} testId="type-mapping-destination">
        {c.destination.type}
        {c.destination.conversion ? <Note kind="converted" text={c.destination.conversion} /> : null}
        {c.destination.refuses.length ? <Note kind="refuses" text={c.destination.refuses.join(", ")} /> : null}
      </Marked>
    ),
  },
];

export function ColumnTypeMapping({ connectionId }: { connectionId: string }) {
  const mapping = trpc.connection.typeMapping.useQuery({ id: connectionId });
  return (
    <Panel testId="column-type-mapping">
      <details>
        <summary className="cursor-pointer px-4 py-3 font-semibold" data-testid="column-types-toggle">
          Column types
        </summary>
        <div className="[&>[role=alert]]:mx-4 [&>[role=alert]]:mb-4">
          <QueryView query={mapping} loading={<p className="px-4 pb-4 text-sm text-slate-500">Loading column types…</p>} empty={null}>
            {(streams) => (
              <>
                {streams.map((s) => (
                  <div key={s.stream} className="border-t border-slate-200">
                    <h3 className="px-4 pt-3 font-mono text-xs font-semibold text-slate-700">{s.stream}</h3>
                    <DataTable
                      rows={s.columns}
                      columns={COLUMNS}
                      rowId={(c) => c.name}
                      rowTestId={(c) => `type-mapping-${s.stream}.${c.name}`}
                      rowClassName={(c) => (c.choice === "ignore" ? "align-top text-slate-400" : "align-top")}
                    />
                  </div>
                ))}
                <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500" data-testid="type-mapping-footnote">
                  Unmarked cells arrive exactly. A value that does not fit its column (a fraction in a bigint, a value the destination refuses) fails the run,
                  naming the stream, column, row key and value; that stream loads nothing from the run.
                </p>
              </>
            )}
          </QueryView>
        </div>
      </details>
    </Panel>
  );
}
