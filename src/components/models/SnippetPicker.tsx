"use client";
/**
 * What a model can read, to insert at the cursor: the streams that
 * connections load into the chosen warehouse, as source('connection',
 * 'stream') with the table they land in, and the other models, as ref().
 */
import { Button } from "@/components/ui/Button";
import { destinationTable } from "@/lib/destination-table";
import { trpc } from "@/components/trpc/trpc-react";

type TProps = { destinationId: string; modelName: string; onInsert: (snippet: string) => void };

const quote = (s: string) => `'${s.replaceAll("'", "\\'")}'`;

export function SnippetPicker({ destinationId, modelName, onInsert }: TProps) {
  const connections = trpc.connection.list.useQuery();
  const models = trpc.model.list.useQuery();
  const sources = (connections.data ?? [])
    .filter((c) => c.destination.id === destinationId)
    .flatMap((c) =>
      c.streams
        .filter((s) => s.selected)
        .map((s) => {
          const namespace = s.stream.includes(".") ? s.stream.slice(0, s.stream.indexOf(".")) : undefined;
          return {
            key: `${c.id}/${s.stream}`,
            snippet: `{{ source(${quote(c.name)}, ${quote(s.stream)}) }}`,
            dataset: `${c.namespace}.${destinationTable(c.tablePrefix, s.stream, namespace)}`,
          };
        }),
    );
  const refs = (models.data ?? []).filter((m) => m.destination.id === destinationId && m.name !== modelName);
  if (!destinationId) return null;
  return (
    <details className="text-sm" data-testid="snippet-picker">
      <summary className="cursor-pointer select-none text-slate-700">Insert a source or ref…</summary>
      <div className="mt-2 grid max-h-64 gap-3 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-2">
        <div>
          <p className="mb-1 text-xs font-medium uppercase text-slate-500">Synced streams</p>
          {sources.length === 0 ? <p className="text-xs text-slate-500">No connection loads into this warehouse.</p> : null}
          <ul className="space-y-1">
            {sources.map((s) => (
              <li key={s.key}>
                <Button variant="quiet" onClick={() => onInsert(s.snippet)} className="text-left text-slate-900 hover:underline">
                  <code className="font-mono text-xs">{s.snippet}</code>
                  <span className="ml-1 text-xs text-slate-500">→ {s.dataset}</span>
                </Button>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <p className="mb-1 text-xs font-medium uppercase text-slate-500">Models</p>
          {refs.length === 0 ? <p className="text-xs text-slate-500">No other model in this warehouse.</p> : null}
          <ul className="space-y-1">
            {refs.map((m) => (
              <li key={m.id}>
                <Button variant="quiet" onClick={() => onInsert(`{{ ref(${quote(m.name)}) }}`)} className="text-left text-slate-900 hover:underline">
                  <code className="font-mono text-xs">{`{{ ref(${quote(m.name)}) }}`}</code>
                  <span className="ml-1 text-xs text-slate-500">
                    → {m.schema}.{m.name}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}
