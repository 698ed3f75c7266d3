"use client";
/**
 * "What breaks downstream if this changes": on request, every dataset that
 * depends on this one (or on one of its columns), nearest first, with its
 * owner and failing checks, and the same as a CSV download.
 */
import { useId, useState } from "react";
import { ImpactTable } from "@/components/catalog/ImpactTable";
import { impactCsvHref } from "@/components/catalog/catalog-hrefs";
import { refusalMessage } from "@/components/forms/field-errors";
import { trpc } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { buttonClass } from "@/components/ui/button-class";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function DatasetImpact({ dataset: d }: { dataset: TDatasetOutput }) {
  const pickerId = useId();
  const [shown, setShown] = useState(false);
  const [column, setColumn] = useState("");
  const impact = trpc.catalog.impact.useQuery({ id: d.id, ...(column ? { column } : {}) }, { enabled: shown });
  const actions = shown ? (
    <>
      {d.columns.length ? (
        <label htmlFor={pickerId} className="flex items-center gap-2 text-sm text-slate-600">
          Impact of
          <select
            id={pickerId}
            value={column}
            onChange={(e) => setColumn(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            data-testid="impact-column"
          >
            <option value="">the whole dataset</option>
            {d.columns.map((c) => (
              <option key={c.name} value={c.name}>
                column {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <a href={impactCsvHref(d.id, column)} download className={buttonClass("secondary")} data-testid="impact-csv">
        Download CSV
      </a>
    </>
  ) : (
    <Button onClick={() => setShown(true)} testId="show-impact">
      Show impact
    </Button>
  );
  return (
    <Panel title="Impact" description="What depends on this dataset, at any distance downstream." actions={actions} testId="dataset-impact">
      {shown ? (
        <div className="[&>[role=alert]]:m-4">
          <QueryView
            query={{
              isLoading: impact.isLoading,
              data: impact.data,
              error: impact.error ? { message: refusalMessage(impact.error) ?? impact.error.message } : null,
            }}
            loading={<p className="px-4 py-4 text-sm text-slate-500">Following the lineage downstream…</p>}
            isEmpty={() => false}
          >
            {(data) => <ImpactTable items={data.items} column={column} />}
          </QueryView>
        </div>
      ) : null}
    </Panel>
  );
}
