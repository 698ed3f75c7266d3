/**
 * A model's settings for people who read but do not edit it: what it is
 * built as, where, on what schedule, who owns it, and its described columns.
 */
import type { TModel } from "@/components/models/model-form";

export function ModelSettingsSummary({ model: m }: { model: TModel }) {
  const columns = Object.entries(m.columnDescriptions);
  return (
    <div className="space-y-4" data-testid="model-settings">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">Built as</dt>
        <dd>
          {m.materialization}
          {m.uniqueKey.length ? ` with unique key ${m.uniqueKey.join(", ")}` : ""}{" "}
          <code className="ml-1 font-mono text-xs">
            {m.schema}.{m.name}
          </code>{" "}
          in {m.destination.name}
        </dd>
        <dt className="text-slate-500">Layer</dt>
        <dd>{m.layer}</dd>
        <dt className="text-slate-500">Built</dt>
        <dd>
          {m.schedule ? (
            <>
              on the schedule <code className="font-mono text-xs">{m.schedule}</code> (UTC), and after each successful sync upstream of it
            </>
          ) : (
            "after each successful sync upstream of it, or by hand"
          )}
        </dd>
        <dt className="text-slate-500">Owner</dt>
        <dd>{m.owner ?? "—"}</dd>
        <dt className="text-slate-500">Description</dt>
        <dd className="whitespace-pre-wrap">{m.description || "—"}</dd>
      </dl>
      <div>
        <h3 className="text-sm font-medium text-slate-800">Columns</h3>
        {columns.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">No column is described.</p>
        ) : (
          <dl className="mt-1 grid text-sm sm:grid-cols-[14rem_1fr]">
            {columns.map(([column, description]) => (
              <div key={column} className="contents">
                <dt className="border-t border-slate-100 py-1.5 pr-4 font-mono text-xs">{column}</dt>
                <dd className="border-t border-slate-100 py-1.5 text-slate-700 sm:border-t">{description}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}
