"use client";
/**
 * Which dataset a new check is on: one a model builds or a connection loads
 * (the check then runs after that model or sync), or any other relation of a
 * warehouse destination (DuckDB, PostgreSQL, Snowflake), typed in.
 */
import { FieldError, INPUT, LABEL, TextField } from "@/components/models/form-fields";
import { destinationTable } from "@/lib/destination-table";
import { trpc } from "@/components/trpc/trpc-react";

export type TCheckTarget = {
  destinationId: string;
  datasetSchema: string;
  datasetTable: string;
  modelId: string | null;
  connectionId: string | null;
  stream: string | null;
};

export const BLANK_TARGET: TCheckTarget = { destinationId: "", datasetSchema: "", datasetTable: "", modelId: null, connectionId: null, stream: null };

type TOption = { key: string; label: string; target: TCheckTarget };

type TProps = { value: TCheckTarget; onChange: (t: TCheckTarget) => void; errors: Record<string, string> };

export function DatasetPicker({ value, onChange, errors }: TProps) {
  const models = trpc.model.list.useQuery();
  const connections = trpc.connection.list.useQuery();
  const destinations = trpc.destination.list.useQuery();
  const warehouses = (destinations.data ?? []).filter((d) => d.warehouse);
  const warehouseIds = new Set(warehouses.map((d) => d.id));
  const nameField = (key: "datasetSchema" | "datasetTable", label: string, testId: string) => (
    <TextField label={label} value={value[key]} onChange={(v) => onChange({ ...value, [key]: v })} testId={testId} error={errors[key]} mono />
  );
  const options: TOption[] = [
    ...(models.data ?? []).map((m) => ({
      key: `model:${m.id}`,
      label: `${m.schema}.${m.name} — model, ${m.destination.name}`,
      target: { destinationId: m.destination.id, datasetSchema: m.schema, datasetTable: m.name, modelId: m.id, connectionId: null, stream: null },
    })),
    ...(connections.data ?? [])
      .filter((c) => warehouseIds.has(c.destination.id))
      .flatMap((c) =>
        c.streams
          .filter((s) => s.selected)
          .map((s) => {
            const table = destinationTable(c.tablePrefix, s.stream, s.stream.includes(".") ? s.stream.slice(0, s.stream.indexOf(".")) : undefined);
            return {
              key: `stream:${c.id}:${s.stream}`,
              label: `${c.namespace}.${table} — stream ${s.stream} of ${c.name}`,
              target: { destinationId: c.destination.id, datasetSchema: c.namespace, datasetTable: table, modelId: null, connectionId: c.id, stream: s.stream },
            };
          }),
      ),
  ];
  const selected = value.modelId
    ? `model:${value.modelId}`
    : value.connectionId
      ? `stream:${value.connectionId}:${value.stream}`
      : value.destinationId || value.datasetTable
        ? "other"
        : "";
  const other = selected === "other";
  return (
    <div className="space-y-3">
      <label className={LABEL}>
        Dataset
        <select
          value={selected}
          onChange={(e) => {
            const key = e.target.value;
            if (key === "other") onChange({ ...BLANK_TARGET, destinationId: warehouses[0]?.id ?? "" });
            else onChange(options.find((o) => o.key === key)?.target ?? BLANK_TARGET);
          }}
          className={INPUT}
          data-testid="check-dataset"
        >
          <option value="">Choose a dataset…</option>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
          <option value="other">Another table or view (type it in)…</option>
        </select>
        <span className="mt-1 block text-xs font-normal text-slate-500">
          A check on a model&apos;s or a stream&apos;s dataset runs after that model builds or that stream syncs.
        </span>
        <FieldError message={errors.dataset ?? errors.modelId ?? errors.stream} />
      </label>
      {other ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <label className={LABEL}>
            Warehouse
            <select
              value={value.destinationId}
              onChange={(e) => onChange({ ...value, destinationId: e.target.value })}
              className={INPUT}
              data-testid="check-destination"
            >
              {warehouses.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
            <FieldError message={errors.destinationId} />
          </label>
          {nameField("datasetSchema", "Schema", "check-schema")}
          {nameField("datasetTable", "Table", "check-table")}
        </div>
      ) : errors.dataset ? null : (
        <FieldError
          message={
            errors.destinationId
              ? `Warehouse: ${errors.destinationId}`
              : errors.datasetSchema || errors.datasetTable
                ? `Dataset: ${errors.datasetSchema ?? errors.datasetTable}`
                : null
          }
        />
      )}
    </div>
  );
}
