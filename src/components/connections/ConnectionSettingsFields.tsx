"use client";
/**
 * A connection's own settings: name, destination schema and table prefix,
 * schedule (cron in UTC with examples, or manual only) and what to do when
 * the source's schema changes. Each field shows its server error in place.
 * A streaming connection has neither schedule (it runs continuously once
 * started) nor schema-change policy (a topic's table keeps the columns chosen
 * when the connection was designed; fields beyond them are ignored).
 */
import type { TConnectionErrors } from "@/components/connections/connection-errors";
import { Button } from "@/components/ui/Button";
import { FormField, inputClass } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import type { RouterInputs } from "@/components/trpc/trpc-react";

type TPolicy = NonNullable<RouterInputs["connection"]["create"]["schemaChangePolicy"]>;
export type TConnectionSettings = { name: string; namespace: string; tablePrefix: string; schedule: string | null; schemaChangePolicy: TPolicy };

export const DEFAULT_SETTINGS: TConnectionSettings = { name: "", namespace: "bronze", tablePrefix: "", schedule: null, schemaChangePolicy: "propagate" };

const CRON_EXAMPLES = [
  { cron: "*/15 * * * *", label: "every 15 minutes" },
  { cron: "0 * * * *", label: "hourly" },
  { cron: "0 3 * * *", label: "daily at 03:00 UTC" },
  { cron: "0 6 * * 1", label: "Mondays at 06:00 UTC" },
];

const POLICIES: Array<{ value: TPolicy; label: string }> = [
  { value: "propagate", label: "Propagate — add new columns to the destination and keep syncing" },
  { value: "pause", label: "Pause — stop the connection until someone reviews the change" },
  { value: "ignore", label: "Ignore — keep syncing the columns already accepted" },
];

type TProps = {
  value: TConnectionSettings;
  onChange: (v: TConnectionSettings) => void;
  errors: TConnectionErrors["fields"];
  namePlaceholder?: string;
  streaming?: boolean;
};

export function ConnectionSettingsFields({ value, onChange, errors, namePlaceholder, streaming = false }: TProps) {
  const set = (patch: Partial<TConnectionSettings>) => onChange({ ...value, ...patch });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <FormField label="Name" error={errors.name} className="sm:col-span-2">
        <input
          value={value.name}
          onChange={(e) => set({ name: e.target.value })}
          placeholder={namePlaceholder ?? (streaming ? "e.g. orders topic → warehouse" : "e.g. orders → warehouse")}
          className={inputClass}
          data-testid="connection-name"
        />
      </FormField>
      <FormField label="Destination schema" error={errors.namespace}>
        <input value={value.namespace} onChange={(e) => set({ namespace: e.target.value })} className={inputClass} data-testid="connection-namespace" />
      </FormField>
      <FormField label="Table prefix" error={errors.tablePrefix}>
        <input
          value={value.tablePrefix}
          onChange={(e) => set({ tablePrefix: e.target.value })}
          placeholder={`optional, e.g. ${streaming ? "kafka_" : "shop_"}`}
          className={inputClass}
          data-testid="connection-prefix"
        />
      </FormField>
      {streaming ? (
        <p className="text-sm text-slate-600 sm:col-span-2" data-testid="streaming-no-schedule">
          No schedule: a streaming connection is started on its page, and the workers then land messages continuously until it is stopped.
        </p>
      ) : (
        <BatchFields value={value} set={set} errors={errors} />
      )}
    </div>
  );
}

/** Schedule and schema-change policy: a batch connection's only. */
function BatchFields({
  value,
  set,
  errors,
}: {
  value: TConnectionSettings;
  set: (patch: Partial<TConnectionSettings>) => void;
  errors: TConnectionErrors["fields"];
}) {
  const scheduled = value.schedule !== null;
  return (
    <>
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-slate-800">Schedule</legend>
        <div className="mt-1 flex gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" checked={!scheduled} onChange={() => set({ schedule: null })} data-testid="schedule-manual" />
            Manual only
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" checked={scheduled} onChange={() => set({ schedule: value.schedule ?? "0 * * * *" })} data-testid="schedule-cron" />
            On a schedule (cron, UTC)
          </label>
        </div>
        {scheduled ? (
          <>
            <input
              value={value.schedule ?? ""}
              onChange={(e) => set({ schedule: e.target.value })}
              placeholder="minute hour day month weekday"
              className={`${inputClass} max-w-xs font-mono`}
              aria-label="Cron expression"
              data-testid="connection-schedule"
            />
            <div className="mt-2 flex flex-wrap gap-2 text-xs">
              {CRON_EXAMPLES.map((ex) => (
                <Button
                  key={ex.cron}
                  variant="quiet"
                  size="sm"
                  onClick={() => set({ schedule: ex.cron })}
                  className="rounded border border-slate-200 bg-slate-50 px-2 py-1 hover:bg-slate-100"
                >
                  <code className="font-mono text-slate-900">{ex.cron}</code> <span className="text-slate-500">{ex.label}</span>
                </Button>
              ))}
            </div>
          </>
        ) : null}
        {errors.schedule ? (
          <p className="mt-1 text-xs text-red-700" data-testid="field-error">
            {errors.schedule}
          </p>
        ) : null}
      </fieldset>
      <FormField label="When the source schema changes" error={errors.schemaChangePolicy} className="sm:col-span-2">
        <Select value={value.schemaChangePolicy} onChange={(schemaChangePolicy) => set({ schemaChangePolicy })} options={POLICIES} testId="connection-policy" />
      </FormField>
    </>
  );
}
