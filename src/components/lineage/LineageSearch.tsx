"use client";
/**
 * Jump to a dataset: type part of its name, pick a result from the catalog
 * search, and the explorer re-centres on it. Arrow keys and Enter work.
 */
import { useState } from "react";
import { useDebouncedValue } from "@/components/models/use-debounced-value";
import { layerTint } from "@/components/lineage/lineage-styles";
import { trpc } from "@/components/trpc/trpc-react";

type TProps = { onPick: (datasetId: string) => void; autoFocus?: boolean };

export function LineageSearch({ onPick, autoFocus }: TProps) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 150);
  const results = trpc.catalog.search.useQuery({ q, limit: 8 }, { enabled: q.length > 0, staleTime: 30_000 });
  const items = q.length > 0 ? (results.data?.items ?? []) : [];
  const pick = (id: string) => {
    onPick(id);
    setText("");
    setOpen(false);
  };
  return (
    <div className="relative w-72">
      <input
        type="search"
        value={text}
        autoFocus={autoFocus}
        placeholder="Jump to a dataset…"
        aria-label="Jump to a dataset"
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls="lineage-search-results"
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-slate-500 focus:outline-none"
        data-testid="lineage-search"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((i) => Math.min(items.length - 1, i + 1));
          else if (e.key === "ArrowUp") setActive((i) => Math.max(0, i - 1));
          else if (e.key === "Escape") setOpen(false);
          else if (e.key === "Enter" && items[active]) pick(items[active].id);
          else return;
          e.preventDefault();
        }}
      />
      {open && q.length > 0 ? (
        <ul
          id="lineage-search-results"
          role="listbox"
          className="absolute z-20 mt-1 max-h-80 w-[28rem] overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {results.error ? <li className="px-3 py-2 text-red-700">{results.error.message}</li> : null}
          {!results.error && items.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">{results.isFetching ? "Searching…" : "No dataset matches."}</li>
          ) : null}
          {items.map((item, i) => (
            <li key={item.id} role="option" aria-selected={i === active}>
              <button
                type="button"
                className={`flex w-full items-center gap-2 px-3 py-1.5 text-left ${i === active ? "bg-slate-100" : "hover:bg-slate-50"}`}
                data-testid="lineage-search-result"
                data-id={item.id}
                data-name={item.shortName}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(item.id)}
              >
                <span className={`shrink-0 rounded px-1.5 text-[11px] font-medium ${layerTint(item.layer).badge}`}>{item.layer ?? item.kind}</span>
                <span className="truncate font-medium">{item.shortName}</span>
                <span className="ml-auto truncate text-xs text-slate-500">
                  {item.platform} · {item.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
