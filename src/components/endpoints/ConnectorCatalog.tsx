/**
 * The connectors a new source or destination can use, as cards; picking one
 * opens its form.
 */
import type { TConnectorInfo } from "@/components/endpoints/EndpointForm";

function fieldCount(spec: Record<string, unknown>): number {
  const props = spec.properties;
  return props && typeof props === "object" ? Object.keys(props).length : 0;
}

export function ConnectorCatalog({ connectors, onPick }: { connectors: TConnectorInfo[]; onPick: (c: TConnectorInfo) => void }) {
  if (connectors.length === 0) {
    return <p className="text-sm text-slate-600">No connectors are installed for this kind yet.</p>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="connector-catalog">
      {connectors.map((c) => (
        <button
          key={c.name}
          type="button"
          onClick={() => onPick(c)}
          className="rounded-lg border border-slate-200 bg-white p-5 text-left hover:border-slate-500 hover:shadow-sm"
          data-testid={`connector-${c.name}`}
        >
          <span className="block font-semibold">{c.title}</span>
          <span className="mt-1 block font-mono text-xs text-slate-500">{c.name}</span>
          {typeof c.spec.description === "string" ? <span className="mt-2 block text-sm text-slate-600">{c.spec.description}</span> : null}
          <span className="mt-2 block text-xs text-slate-500">{fieldCount(c.spec)} settings</span>
        </button>
      ))}
    </div>
  );
}
