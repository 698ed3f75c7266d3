"use client";
/**
 * Every check with its dataset, severity, latest status and trend, filtered
 * by dataset (part of schema.table), severity and latest status. The filters
 * live in the address, so a filtered list can be shared.
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { INPUT } from "@/components/models/form-fields";
import { useDebouncedValue } from "@/components/models/use-debounced-value";
import { CheckTable } from "@/components/quality/CheckTable";
import { Button } from "@/components/ui/Button";
import { QueryPanel } from "@/components/ui/QueryPanel";
import { Select } from "@/components/ui/Select";
import { trpc, type RouterInputs } from "@/components/trpc/trpc-react";

type TFilter = RouterInputs["quality"]["checks"];
export type TCheckFilter = { dataset: string; severity: string; status: string };

const SEVERITIES = [
  { value: "", label: "any" },
  { value: "error", label: "error" },
  { value: "warn", label: "warn" },
];
const STATUSES = [
  { value: "", label: "any" },
  { value: "failed", label: "failed" },
  { value: "error", label: "error" },
  { value: "passed", label: "passed" },
  { value: "never", label: "not run yet" },
];

export function CheckList({ initial, canEdit }: { initial: TCheckFilter; canEdit: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const [filter, setFilter] = useState(initial);
  const dataset = useDebouncedValue(filter.dataset.trim(), 300);
  const input: TFilter = {
    ...(dataset ? { dataset } : {}),
    ...(filter.severity ? { severity: filter.severity as NonNullable<TFilter["severity"]> } : {}),
    ...(filter.status ? { status: filter.status as NonNullable<TFilter["status"]> } : {}),
  };
  const checks = trpc.quality.checks.useQuery(input, { placeholderData: (prev) => prev, refetchInterval: 15_000 });
  // A filter chosen from a list: its label over a select named filter-<key>.
  const choice = (key: "severity" | "status", label: string, options: typeof STATUSES, width: string) => (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <Select
        value={filter[key]}
        onChange={(v) => setFilter({ ...filter, [key]: v })}
        options={options}
        className={`${INPUT} ${width}`}
        testId={`filter-${key}`}
      />
    </label>
  );
  const filtered = Boolean(dataset || filter.severity || filter.status);

  useEffect(() => {
    const params = new URLSearchParams(Object.entries({ dataset, severity: filter.severity, status: filter.status }).filter(([, v]) => v));
    router.replace(params.size ? `${pathname}?${params}` : pathname, { scroll: false });
  }, [dataset, filter.severity, filter.status, pathname, router]);

  return (
    <QueryPanel
      query={checks}
      loading="Loading checks…"
      before={
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3" role="search">
          <label className="text-xs font-medium text-slate-600">
            Dataset
            <input
              value={filter.dataset}
              onChange={(e) => setFilter({ ...filter, dataset: e.target.value })}
              placeholder="e.g. silver.customers"
              className={`${INPUT} w-56 font-mono`}
              data-testid="filter-dataset"
            />
          </label>
          {choice("severity", "Severity", SEVERITIES, "w-32")}
          {choice("status", "Last status", STATUSES, "w-36")}
          {filtered ? (
            <Button variant="quiet" className="pb-2 underline" onClick={() => setFilter({ dataset: "", severity: "", status: "" })}>
              Clear filters
            </Button>
          ) : null}
          {checks.data ? (
            <span className="ml-auto pb-2 text-sm text-slate-500">
              {checks.data.length} {checks.data.length === 1 ? "check" : "checks"}
            </span>
          ) : null}
        </div>
      }
      empty={
        <div className="px-6 py-10 text-center" data-testid="checks-empty">
          {filtered ? (
            <p className="text-sm text-slate-600">No check matches these filters.</p>
          ) : (
            <>
              <h2 className="font-semibold text-slate-800">No checks yet</h2>
              <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
                Checks test a dataset after the sync or model that produces it; a failing error check blocks what is downstream and opens an incident.{" "}
                {canEdit ? (
                  <Link href="/quality/checks/new" className="font-medium text-slate-900 underline">
                    Add the first one
                  </Link>
                ) : (
                  "An engineer can add them."
                )}
              </p>
            </>
          )}
        </div>
      }
    >
      {(list) => <CheckTable checks={list} pageSize={50} />}
    </QueryPanel>
  );
}
