"use client";
/**
 * Imports a dbt project's artifacts: target/manifest.json (required) and
 * run_results.json (optional), read in the browser and sent to dbt.import.
 * dbt's models and sources appear beside Weir's models and in the catalog,
 * its tests become checks in the chosen warehouse with their results.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { refusalMessage } from "@/components/forms/field-errors";
import { INPUT, LABEL } from "@/components/models/form-fields";
import { trpc } from "@/components/trpc/trpc-react";

async function readJson(file: File, what: string): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch (e) {
    throw new Error(`${what} is not JSON (${e instanceof Error ? e.message : String(e)}).`, { cause: e });
  }
}

export function DbtImportForm() {
  const utils = trpc.useUtils();
  const destinations = trpc.destination.list.useQuery();
  const warehouses = (destinations.data ?? []).filter((d) => d.warehouse);
  const [destinationId, setDestinationId] = useState("");
  const [manifest, setManifest] = useState<File | null>(null);
  const [runResults, setRunResults] = useState<File | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const importDbt = trpc.dbt.import.useMutation({ onSuccess: () => Promise.all([utils.dbt.nodes.invalidate(), utils.quality.invalidate()]) });
  const chosen = destinationId || warehouses[0]?.id || "";

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setReadError(null);
    if (!manifest) return setReadError("Choose target/manifest.json from the dbt project.");
    try {
      const input = {
        destinationId: chosen,
        manifest: await readJson(manifest, "manifest.json"),
        ...(runResults ? { runResults: await readJson(runResults, "run_results.json") } : {}),
      };
      importDbt.mutate(input);
    } catch (err) {
      setReadError(err instanceof Error ? err.message : String(err));
    }
  }

  const done = importDbt.data;
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="dbt-import-form">
      <div className="grid gap-4 sm:grid-cols-3">
        <JsonFileField label="manifest.json" onChange={setManifest} testId="dbt-manifest" />
        <JsonFileField
          label={
            <>
              run_results.json <span className="font-normal text-slate-500">(optional)</span>
            </>
          }
          onChange={setRunResults}
          testId="dbt-run-results"
        />
        <label className={LABEL}>
          Warehouse its tests run in
          <select value={chosen} onChange={(e) => setDestinationId(e.target.value)} className={INPUT} data-testid="dbt-destination">
            {warehouses.length === 0 ? <option value="">No warehouse destination (DuckDB, PostgreSQL, Snowflake) yet</option> : null}
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={!chosen} pending={importDbt.isPending} pendingLabel="Importing…" testId="dbt-import">
          Import
        </Button>
        <span className="text-xs text-slate-500">
          Run <code className="font-mono">dbt build</code> (or <code className="font-mono">dbt docs generate</code>) first; the files are in the project&apos;s{" "}
          <code className="font-mono">target/</code> folder.
        </span>
      </div>
      <ErrorAlert message={readError ?? refusalMessage(importDbt.error)} testId="dbt-import-error" />
      {done ? (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="dbt-import-done">
          Imported {done.project ? `"${done.project}" ` : ""}(dbt {done.dbtVersion}): {done.models} models, {done.sources} sources, {done.datasets} catalog
          datasets, {done.checks} tests as checks, {done.results} new results
          {done.repeatedResults ? ` (${done.repeatedResults} imported before, not added again)` : ""}.
          {done.dbtRunOnlyChecks ? ` ${done.dbtRunOnlyChecks} tests are run by dbt only: Weir does not reach their tables in this warehouse.` : ""}
          {done.removed.nodes || done.removed.checks
            ? ` No longer in the project: ${done.removed.nodes} nodes and ${done.removed.checks} tests, marked removed.`
            : ""}
          {done.skippedTests.length ? ` Not imported (unknown kind, not compiled): ${done.skippedTests.join(", ")}.` : ""}
        </p>
      ) : null}
    </form>
  );
}

/** A labelled picker of one JSON file. */
function JsonFileField({ label, onChange, testId }: { label: ReactNode; onChange: (file: File | null) => void; testId: string }) {
  return (
    <label className={LABEL}>
      {label}
      <input type="file" accept=".json,application/json" onChange={(e) => onChange(e.target.files?.[0] ?? null)} className={INPUT} data-testid={testId} />
    </label>
  );
}
