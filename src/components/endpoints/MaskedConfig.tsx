/**
 * A saved configuration, read-only: each setting by its spec title, secrets
 * only as "set" (the server never sends them).
 */
import { isObject, isSecretSet } from "@/components/endpoints/connector-form-model";

type TJson = Record<string, unknown>;

function titleOf(spec: TJson | undefined, key: string): string {
  const prop = isObject(spec?.properties) ? spec.properties[key] : undefined;
  return isObject(prop) && typeof prop.title === "string" ? prop.title : key;
}

function Value({ value, spec }: { value: unknown; spec: TJson | undefined }) {
  if (isSecretSet(value)) return <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">•••••• set</span>;
  if (value === null || value === undefined || value === "") return <span className="text-slate-400">—</span>;
  if (Array.isArray(value) && value.some(isObject)) {
    const itemSpec = isObject(spec?.items) ? spec.items : undefined;
    return (
      <div className="space-y-2">
        {value.map((item, i) => (
          <div key={i} className="rounded-md border border-slate-100 bg-slate-50 p-2">
            {isObject(item) ? <MaskedConfig config={item} spec={itemSpec} nested /> : <span className="font-mono text-xs">{String(item)}</span>}
          </div>
        ))}
      </div>
    );
  }
  if (Array.isArray(value)) return <span className="font-mono text-xs">{value.length ? value.map(String).join(", ") : "—"}</span>;
  if (isObject(value)) return <MaskedConfig config={value} spec={spec} nested />;
  return <span className="font-mono text-xs">{String(value)}</span>;
}

/** The settings in the spec's order, then any the spec does not name. */
function ordered(config: TJson, spec: TJson | undefined): Array<[string, unknown]> {
  const order = isObject(spec?.properties) ? Object.keys(spec.properties) : [];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(config).sort(([a], [b]) => rank(a) - rank(b));
}

export function MaskedConfig({ config, spec, nested = false }: { config: TJson; spec?: TJson; nested?: boolean }) {
  const entries = ordered(config, spec);
  if (entries.length === 0) return <p className="text-sm text-slate-500">No settings.</p>;
  return (
    <dl
      className={`grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-6 gap-y-2 text-sm ${nested ? "" : "max-w-3xl"}`}
      data-testid={nested ? undefined : "endpoint-config"}
    >
      {entries.map(([key, value]) => {
        const prop = isObject(spec?.properties) ? spec.properties[key] : undefined;
        return (
          <div key={key} className="contents">
            <dt className="text-slate-500">{titleOf(spec, key)}</dt>
            <dd data-testid={nested ? undefined : `config-${key}`}>
              <Value value={value} spec={isObject(prop) ? prop : undefined} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
