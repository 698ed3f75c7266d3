"use client";
/**
 * A streaming connection's own settings: name, destination schema and
 * table prefix. No schedule (it runs continuously once started) and no
 * schema-change policy (a topic's table keeps the columns chosen when the
 * connection was designed; fields beyond them are ignored).
 */
import type { TConnectionSettings } from "@/components/connections/ConnectionSettingsFields";
import type { TConnectionErrors } from "@/components/connections/connection-errors";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
const LABEL = "block text-sm font-medium text-slate-800";

function FieldError({ message }: { message?: string }) {
  return message ? <p className="mt-1 text-xs text-red-700" data-testid="field-error">{message}</p> : null;
}

type TProps = { value: TConnectionSettings; onChange: (v: TConnectionSettings) => void; errors: TConnectionErrors["fields"]; namePlaceholder?: string };

export function StreamingConnectionFields({ value, onChange, errors, namePlaceholder }: TProps) {
  const set = (patch: Partial<TConnectionSettings>) => onChange({ ...value, ...patch });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <label className={`${LABEL} sm:col-span-2`}>
        Name<input value={value.name} onChange={(e) => set({ name: e.target.value })} placeholder={namePlaceholder ?? "e.g. orders topic → warehouse"} className={INPUT} data-testid="connection-name" />
        <FieldError message={errors.name} />
      </label>
      <label className={LABEL}>
        Destination schema<input value={value.namespace} onChange={(e) => set({ namespace: e.target.value })} className={INPUT} data-testid="connection-namespace" />
        <FieldError message={errors.namespace} />
      </label>
      <label className={LABEL}>
        Table prefix<input value={value.tablePrefix} onChange={(e) => set({ tablePrefix: e.target.value })} placeholder="optional, e.g. kafka_" className={INPUT} data-testid="connection-prefix" />
        <FieldError message={errors.tablePrefix} />
      </label>
      <p className="text-sm text-slate-600 sm:col-span-2" data-testid="streaming-no-schedule">
        No schedule: a streaming connection is started on its page, and the workers then land messages continuously until it is stopped.
      </p>
    </div>
  );
}
