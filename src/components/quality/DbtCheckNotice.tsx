/**
 * What a check page says about an imported dbt test Weir does not run: one
 * removed from its dbt project (disabled, history kept), or one on a
 * relation Weir does not reach in the warehouse (dbt-run only, with why).
 */
import { formatTime } from "@/lib/run-format";

export function DbtCheckNotice({ removedAt, dbtRunOnlyReason }: { removedAt: Date | null; dbtRunOnlyReason: string | null }) {
  if (removedAt) {
    return (
      <p className="rounded-md bg-slate-100 px-4 py-2 text-sm text-slate-700" data-testid="check-dbt-removed">
        Removed from its dbt project (import of {formatTime(removedAt)}): disabled, its results kept as history and no longer counted in the dataset&apos;s
        quality.
      </p>
    );
  }
  if (!dbtRunOnlyReason) return null;
  return (
    <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="check-dbt-run-only">
      Run by dbt only: its results come from the run_results.json of each import, and Weir never runs or schedules it. {dbtRunOnlyReason}
    </p>
  );
}
