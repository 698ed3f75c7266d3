"use client";
/**
 * Type changes the destination cannot apply by itself, waiting for a
 * person: for each column, rebuild the table from scratch, keep the old
 * type and cast new values into it, or ignore the column. The connection
 * resumes by itself after the last choice. Hidden when nothing waits.
 */
import { useState } from "react";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];
type TChoice = "rebuild" | "cast" | "ignore";

const BUTTON = "rounded-md border px-2 py-1 text-xs font-medium disabled:opacity-50";

function label(choice: TChoice, fromType: string): string {
  if (choice === "rebuild") return "Rebuild the table";
  if (choice === "cast") return `Keep ${fromType} and cast`;
  return "Ignore the column";
}

const HINT: Record<TChoice, string> = {
  rebuild: "Drops the destination table and clears the stream's state: the next run reads everything again with the new type.",
  cast: "The column keeps its type; new values are cast into it, and a run fails naming the row when one does not fit.",
  ignore: "The column is no longer loaded; the destination keeps it, NULL in new rows.",
};

export function PendingTypeChanges({ connection, canEdit }: { connection: TConnection; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const resolve = trpc.connection.resolveTypeChange.useMutation({
    onSuccess: async () => {
      await Promise.all([
        utils.connection.get.invalidate({ id: connection.id }),
        utils.connection.schemaChanges.invalidate({ id: connection.id }),
        utils.connection.typeMapping.invalidate({ id: connection.id }),
      ]);
    },
  });
  // Rebuilding drops the table: the first click asks, the second does it.
  const [confirming, setConfirming] = useState<string | null>(null);
  const waiting = connection.streams.flatMap((s) => s.typeConflicts.map((c) => ({ stream: s.stream, cursor: s.cursorField, primaryKey: s.primaryKey, ...c })));
  if (waiting.length === 0) return null;
  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50" data-testid="pending-type-changes">
      <h2 className="border-b border-amber-200 px-4 py-3 font-semibold text-amber-950">Type changes waiting for a choice</h2>
      <p className="px-4 pt-3 text-sm text-amber-900">
        The destination cannot convert these columns by itself. Choose for each; the connection resumes after the last choice.
      </p>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="text-xs uppercase text-amber-800">
          <tr>
            <th className="px-4 py-2">Stream</th>
            <th className="px-4 py-2">Column</th>
            <th className="px-4 py-2">Type</th>
            {canEdit ? <th className="px-4 py-2">Choice</th> : null}
          </tr>
        </thead>
        <tbody>
          {waiting.map((w) => {
            const keyColumn = w.cursor === w.column || w.primaryKey.includes(w.column);
            const id = `${w.stream}.${w.column}`;
            return (
              <tr key={`${w.stream}.${w.column}`} className="border-t border-amber-200 align-top" data-testid={`type-change-${w.stream}.${w.column}`}>
                <td className="px-4 py-2 font-mono text-xs">{w.stream}</td>
                <td className="px-4 py-2 font-mono text-xs">{w.column}</td>
                <td className="px-4 py-2 font-mono text-xs">
                  {w.fromType} → {w.toType}
                </td>
                {canEdit ? (
                  <td className="px-4 py-2">
                    {confirming === id ? (
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="text-xs text-amber-950">Drop the destination table and load everything again?</span>
                        <button
                          type="button"
                          disabled={resolve.isPending}
                          onClick={() => resolve.mutate({ id: connection.id, stream: w.stream, column: w.column, choice: "rebuild" })}
                          className={`${BUTTON} border-red-700 bg-red-700 text-white hover:bg-red-800`}
                          data-testid={`type-choice-rebuild-confirm-${id}`}
                        >
                          Drop and rebuild
                        </button>
                        <button type="button" onClick={() => setConfirming(null)} className={`${BUTTON} border-slate-300 bg-white hover:bg-slate-100`}>
                          Back
                        </button>
                      </div>
                    ) : (
                      <div className="flex flex-wrap gap-2">
                        {(["rebuild", "cast", "ignore"] as const).map((choice) => (
                          <button
                            key={choice}
                            type="button"
                            title={keyColumn && choice === "ignore" ? "The cursor or a primary key column cannot be ignored" : HINT[choice]}
                            disabled={resolve.isPending || (keyColumn && choice === "ignore")}
                            onClick={() =>
                              choice === "rebuild" ? setConfirming(id) : resolve.mutate({ id: connection.id, stream: w.stream, column: w.column, choice })
                            }
                            className={`${BUTTON} ${choice === "rebuild" ? "border-red-300 bg-white text-red-800 hover:bg-red-50" : "border-slate-300 bg-white hover:bg-slate-100"}`}
                            data-testid={`type-choice-${choice}-${w.stream}.${w.column}`}
                          >
                            {label(choice, w.fromType)}
                          </button>
                        ))}
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEdit ? (
        <dl
          className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 border-t border-amber-200 px-4 py-3 text-xs text-amber-950"
          data-testid="type-choice-hints"
        >
          {(["rebuild", "cast", "ignore"] as const).map((choice) => (
            <div key={choice} className="contents">
              <dt className="font-semibold">{choice === "rebuild" ? "Rebuild" : choice === "cast" ? "Keep and cast" : "Ignore"}</dt>
              <dd>{HINT[choice]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {resolve.error ? (
        <p role="alert" className="px-4 pb-3 text-sm text-red-700">
          {resolve.error.message}
        </p>
      ) : null}
    </section>
  );
}
