"use client";
/**
 * Picks a stream's primary key columns (one or more) from its columns, in a
 * small drop-down of checkboxes. Defaults to the key the source declares.
 */
import { Button } from "@/components/ui/Button";

type TProps = { stream: string; columns: string[]; value: string[]; declared: string[]; onChange: (key: string[]) => void; disabled?: boolean };

export function PrimaryKeyPicker({ stream, columns, value, declared, onChange, disabled }: TProps) {
  const toggle = (col: string) => onChange(value.includes(col) ? value.filter((c) => c !== col) : [...value, col]);
  return (
    <details className="relative" data-testid={`stream-pk-${stream}`}>
      <summary
        className={`cursor-pointer list-none rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs ${disabled ? "pointer-events-none opacity-50" : ""}`}
      >
        {value.length ? value.join(", ") : <span className="font-sans text-slate-400">none</span>} ▾
      </summary>
      <div className="absolute z-10 mt-1 max-h-64 w-56 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        {columns.map((col) => (
          <label key={col} className="flex items-center gap-2 px-1 py-0.5 text-xs">
            <input type="checkbox" checked={value.includes(col)} onChange={() => toggle(col)} />
            <span className="font-mono">{col}</span>
            {declared.includes(col) ? <span className="text-slate-400">declared</span> : null}
          </label>
        ))}
        {declared.length && declared.join() !== value.join() ? (
          <Button variant="quiet" size="sm" onClick={() => onChange(declared)} className="mt-1 w-full rounded bg-slate-100 px-2 py-1 hover:bg-slate-200">
            Use declared key ({declared.join(", ")})
          </Button>
        ) : null}
      </div>
    </details>
  );
}
