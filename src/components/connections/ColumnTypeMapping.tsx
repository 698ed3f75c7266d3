"use client";
/**
 * How each column of the selected streams travels: the source's type, the
 * Weir type, and the destination's column type. A cell whose values arrive
 * converted by a documented rule is marked (amber, with the rule), and so
 * is one with values the destination refuses (red, the refused classes): a
 * run that meets those fails naming the row, never changing it silently.
 */
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TColumn = RouterOutputs["connection"]["typeMapping"][number]["columns"][number];

function Note({ kind, text }: { kind: "converted" | "refuses"; text: string }) {
  const style = kind === "converted" ? "bg-amber-100 text-amber-900" : "bg-red-100 text-red-800";
  return (
    <span className={`mt-1 block rounded px-1.5 py-0.5 text-xs ${style}`} data-testid={`type-note-${kind}`}>
      <span className="font-semibold">{kind === "converted" ? "Converted" : "Refuses"}:</span> {text}
    </span>
  );
}

function Row({ stream, c }: { stream: string; c: TColumn }) {
  const destinationMarked = c.destination.conversion ? "bg-amber-50" : c.destination.refuses.length ? "bg-red-50" : "";
  return (
    <tr className={`border-t border-slate-100 align-top ${c.choice === "ignore" ? "text-slate-400" : ""}`} data-testid={`type-mapping-${stream}.${c.name}`}>
      <td className="px-4 py-2 font-mono text-xs">{c.name}</td>
      <td className={`px-4 py-2 font-mono text-xs ${c.sourceConversion ? "bg-amber-50" : ""}`} data-testid="type-mapping-source">
        {c.sourceType ?? "—"}
        {c.sourceConversion ? <Note kind="converted" text={c.sourceConversion} /> : null}
      </td>
      <td className="px-4 py-2 font-mono text-xs" data-testid="type-mapping-weir">
        {c.weirType}
        {c.choice ? (
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs text-slate-700" data-testid="type-mapping-choice">
            {c.choice === "cast" ? "kept: new values cast" : "ignored: not loaded"}
          </span>
        ) : null}
      </td>
      <td
        className={`px-4 py-2 font-mono text-xs ${destinationMarked}`}
        data-testid="type-mapping-destination"
        data-marked={c.destination.conversion ? "converted" : c.destination.refuses.length ? "refuses" : "exact"}
      >
        {c.destination.type}
        {c.destination.conversion ? <Note kind="converted" text={c.destination.conversion} /> : null}
        {c.destination.refuses.length ? <Note kind="refuses" text={c.destination.refuses.join(", ")} /> : null}
      </td>
    </tr>
  );
}

export function ColumnTypeMapping({ connectionId }: { connectionId: string }) {
  const mapping = trpc.connection.typeMapping.useQuery({ id: connectionId });
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="column-type-mapping">
      <details>
        <summary className="cursor-pointer px-4 py-3 font-semibold" data-testid="column-types-toggle">
          Column types
        </summary>
        {mapping.isLoading ? <p className="px-4 pb-4 text-sm text-slate-500">Loading column types…</p> : null}
        {mapping.error ? (
          <div className="px-4 pb-4">
            <ErrorAlert message={mapping.error.message} />
          </div>
        ) : null}
        {mapping.data?.map((s) => (
          <div key={s.stream} className="border-t border-slate-200">
            <h3 className="px-4 pt-3 font-mono text-xs font-semibold text-slate-700">{s.stream}</h3>
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-4 py-2">Column</th>
                  <th className="px-4 py-2">Source type</th>
                  <th className="px-4 py-2">Weir type</th>
                  <th className="px-4 py-2">Destination type</th>
                </tr>
              </thead>
              <tbody>
                {s.columns.map((c) => (
                  <Row key={c.name} stream={s.stream} c={c} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
        {mapping.data?.length ? (
          <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500" data-testid="type-mapping-footnote">
            Unmarked cells arrive exactly. A value that does not fit its column (a fraction in a bigint, a value the destination refuses) fails the run, naming
            the stream, column, row key and value; that stream loads nothing from the run.
          </p>
        ) : null}
      </details>
    </section>
  );
}
