"use client";
/**
 * One check: its definition and dataset, the open incident if any, the
 * latest failing-rows sample, failing rows over its last results and each
 * result (status, observed value, failing rows, time). Engineers can run it
 * now, disable, enable and delete it.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/endpoints/ConfirmDeleteButton";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { refusalMessage } from "@/components/forms/field-errors";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { CheckHistory } from "@/components/quality/CheckHistory";
import { DbtCheckNotice } from "@/components/quality/DbtCheckNotice";
import { FailingRowsChart } from "@/components/quality/FailingRowsChart";
import { FailingRowsTable } from "@/components/quality/FailingRowsTable";
import { describeCheck, kindLabel } from "@/components/quality/check-kinds";
import { formatRows, formatTime } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const CARD = "rounded-lg border border-slate-200 bg-white";

export function CheckDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const check = trpc.quality.check.useQuery({ id }, { refetchInterval: 15_000 });
  const toggle = trpc.quality.setCheckEnabled.useMutation({
    onSuccess: async (c) => {
      utils.quality.check.setData({ id }, c);
      await utils.quality.checks.invalidate();
    },
  });
  const runNow = trpc.quality.runCheck.useMutation({
    onSuccess: async (c) => {
      utils.quality.check.setData({ id }, c);
      await utils.quality.checks.invalidate();
    },
  });
  const remove = trpc.quality.deleteCheck.useMutation({
    onSuccess: async () => {
      await utils.quality.checks.invalidate();
      router.push("/quality");
    },
  });
  if (check.isLoading) return <p className="text-sm text-slate-500">Loading check…</p>;
  if (check.error || !check.data) {
    return (
      <div className="space-y-3">
        <ErrorAlert message={check.error?.message ?? "No such check."} />
        <Link href="/quality" className="text-sm underline">
          Back to quality
        </Link>
      </div>
    );
  }
  const c = check.data;
  const last = c.results[0];
  const lastSample = c.results.find((r) => r.status === "failed" && r.sample.length > 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/quality" className="text-sm text-slate-500 hover:text-slate-800">
            ← Quality
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight" data-testid="check-title">
            {c.name} <SeverityBadge severity={c.severity} /> <CheckStatusBadge status={last?.status} testId="check-status" />
            {!c.enabled ? (
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600" data-testid="check-disabled">
                disabled
              </span>
            ) : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            On <code className="font-mono">{c.dataset}</code>{" "}
            {c.destination ? <>in {c.destination.name}</> : <span data-testid="check-reported-by">· reported by {c.reportedBy}; Weir does not run it</span>}
            {c.model ? (
              <>
                {" "}
                · built by model{" "}
                <Link href={`/models/${c.model.id}`} className="font-medium hover:underline">
                  {c.model.name}
                </Link>
              </>
            ) : null}
            {c.stream ? (
              <>
                {" "}
                · loaded by{" "}
                <Link href={`/connections/${c.connectionId}`} className="font-medium hover:underline">
                  stream {c.stream}
                </Link>
              </>
            ) : null}
          </p>
        </div>
        {canEdit ? (
          <div className="flex flex-col items-end gap-2">
            <div className="flex items-center gap-2">
              <button
                type="button"
                disabled={runNow.isPending || !c.enabled || !c.destination || !!c.dbtRunOnlyReason || !!c.removedAt}
                onClick={() => runNow.mutate({ id })}
                className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
                data-testid="run-check"
              >
                {runNow.isPending ? "Running…" : "Run now"}
              </button>
              <button
                type="button"
                disabled={toggle.isPending}
                onClick={() => toggle.mutate({ id, enabled: !c.enabled })}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
                data-testid="toggle-check"
              >
                {c.enabled ? "Disable" : "Enable"}
              </button>
              <ConfirmDeleteButton
                what={`check "${c.name}" and its results`}
                onConfirm={() => remove.mutate({ id })}
                pending={remove.isPending}
                error={remove.error?.message}
              />
            </div>
            {toggle.error ? (
              <p role="alert" className="text-sm text-red-700">
                {refusalMessage(toggle.error)}
              </p>
            ) : null}
            {runNow.error ? (
              <p role="alert" className="text-sm text-red-700">
                {refusalMessage(runNow.error)}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      {c.openIncidentId ? (
        <div
          role="alert"
          className="flex items-center justify-between gap-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
          data-testid="check-open-incident"
        >
          <span>This check has an unresolved incident{c.severity === "error" ? "; the models that read its dataset are blocked until it passes" : ""}.</span>
          <Link href={`/quality/incidents/${c.openIncidentId}`} className="font-medium underline">
            Open the incident
          </Link>
        </div>
      ) : null}
      <DbtCheckNotice removedAt={c.removedAt} dbtRunOnlyReason={c.dbtRunOnlyReason} />
      {!c.enabled && !c.removedAt ? (
        <p className="rounded-md bg-slate-100 px-4 py-2 text-sm text-slate-700">
          Disabled: it does not run and does not block anything until it is enabled again.
        </p>
      ) : null}

      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Definition</h2>
        <dl className="grid gap-x-6 gap-y-2 p-4 text-sm sm:grid-cols-[10rem_1fr]" data-testid="check-definition">
          <dt className="text-slate-500">Kind</dt>
          <dd>{kindLabel(String(c.check.kind))}</dd>
          <dt className="text-slate-500">Tests that</dt>
          <dd className="font-mono text-xs leading-5">{describeCheck(c.check)}</dd>
          {c.check.kind === "custom_sql" ? (
            <>
              <dt className="text-slate-500">SQL</dt>
              <dd>
                <pre className="whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{String(c.check.sql)}</pre>
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">Severity</dt>
          <dd>
            {c.severity === "error"
              ? "error — a failure blocks the models that read the dataset and opens an incident"
              : "warn — a failure is shown and blocks nothing"}
          </dd>
          <dt className="text-slate-500">Threshold</dt>
          <dd>{c.mostly === null ? "every row must pass" : `at least ${Math.round(c.mostly * 1000) / 10}% of rows must pass`}</dd>
          <dt className="text-slate-500">Runs</dt>
          <dd>
            {c.model ? `after each build of ${c.model.name}` : c.stream ? `after each sync of ${c.stream}` : "not tied to a model or stream"}
            {c.automatic ? " · kept by Weir on the stream's primary key" : ""}
            {c.origin.startsWith("dbt:") ? ` · imported from dbt (${c.origin.slice(4)})` : ""}
          </dd>
        </dl>
      </section>

      {last ? (
        <section className={CARD}>
          <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Latest result</h2>
          <div className="space-y-2 p-4 text-sm">
            <p className="flex flex-wrap items-center gap-2" data-testid="check-latest">
              <CheckStatusBadge status={last.status} /> <span>{last.message}</span>
            </p>
            <p className="text-slate-600">
              {formatTime(last.createdAt)}
              {last.failingRows !== null ? ` · ${formatRows(last.failingRows)} failing` : ""}
              {last.totalRows !== null ? ` of ${formatRows(last.totalRows)} rows` : ""}
              {last.transformRunId ? (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/models/runs/${last.transformRunId}`} className="underline">
                    transform run
                  </Link>
                </>
              ) : null}
              {last.syncRunId ? (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/runs/${last.syncRunId}`} className="underline">
                    sync run
                  </Link>
                </>
              ) : null}
            </p>
          </div>
        </section>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
          Not run yet. It runs{" "}
          {c.model ? `after the next build of ${c.model.name}` : c.stream ? `after the next sync of ${c.stream}` : "when what produces its dataset runs"}.
        </p>
      )}

      {lastSample ? (
        <section className={CARD}>
          <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
            Failing rows{" "}
            <span className="ml-1 text-sm font-normal text-slate-500">
              sample of {lastSample.sample.length}
              {lastSample.failingRows !== null ? ` of ${formatRows(lastSample.failingRows)}` : ""}, {formatTime(lastSample.createdAt)}
              {lastSample.id !== last?.id ? " (an earlier result)" : ""}
            </span>
          </h2>
          <FailingRowsTable rows={lastSample.sample} />
        </section>
      ) : c.samplesWithheld && last?.status === "failed" ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600" data-testid="samples-withheld">
          Failing-row samples are shown to analysts and above; your role sees the counts only.
        </p>
      ) : null}

      {c.results.length ? (
        <section className={CARD}>
          <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
            History <span className="ml-1 text-sm font-normal text-slate-500">last {c.results.length}</span>
          </h2>
          <div className="px-4 pt-4">
            <p className="mb-1 text-xs font-medium uppercase text-slate-500">Failing rows per result</p>
            <FailingRowsChart results={c.results} />
          </div>
          <CheckHistory results={c.results} />
        </section>
      ) : null}
    </div>
  );
}
