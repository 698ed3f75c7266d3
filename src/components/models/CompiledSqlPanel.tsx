"use client";
/**
 * The SQL the model compiles to, refs and sources resolved to the relations
 * of its warehouse; for an incremental model, either the first build or the
 * incremental one. An invalid template shows the error with its line.
 */
import { ErrorAlert } from "@/components/ui/ErrorAlert";

type TProps = {
  compiled: { enabled: boolean; sql: string | null; error: string | null; pending: boolean; refs: string[] };
  incremental: boolean;
  showIncremental: boolean;
  onShowIncremental: (v: boolean) => void;
};

export function CompiledSqlPanel({ compiled, incremental, showIncremental, onShowIncremental }: TProps) {
  return (
    <div className="flex min-w-0 flex-col">
      <div className="mb-1 flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-slate-800">
          Compiled SQL {compiled.pending ? <span className="ml-1 text-xs font-normal text-slate-500">compiling…</span> : null}
        </span>
        {incremental ? (
          <label className="flex items-center gap-1 text-xs text-slate-600">
            <input type="checkbox" checked={showIncremental} onChange={(e) => onShowIncremental(e.target.checked)} data-testid="compiled-incremental" />
            as an incremental run
          </label>
        ) : null}
      </div>
      {!compiled.enabled ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-6 text-sm text-slate-500">
          Choose a warehouse and write some SQL to see what it compiles to.
        </p>
      ) : null}
      {compiled.enabled && compiled.error ? <ErrorAlert message={compiled.error} testId="compile-error" /> : null}
      {compiled.enabled && !compiled.error && compiled.sql !== null ? (
        <pre
          className={`min-h-[260px] flex-1 overflow-auto whitespace-pre-wrap rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100 ${compiled.pending ? "opacity-70" : ""}`}
          data-testid="compiled-sql"
        >
          {compiled.sql}
        </pre>
      ) : null}
      {compiled.refs.length ? <p className="mt-1 text-xs text-slate-500">Refs: {compiled.refs.join(", ")}</p> : null}
    </div>
  );
}
