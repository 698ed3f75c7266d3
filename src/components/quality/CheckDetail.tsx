"use client";
/**
 * One check: its definition and dataset, the open incident if any, the
 * latest failing-rows sample, failing rows over its last results and each
 * result (status, observed value, failing rows, time). Engineers can run it
 * now, disable, enable and delete it.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/ui/ConfirmDeleteButton";
import { refusalMessage } from "@/components/forms/field-errors";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { CheckHistory } from "@/components/quality/CheckHistory";
import { DbtCheckNotice } from "@/components/quality/DbtCheckNotice";
import { FailingRowsChart } from "@/components/quality/FailingRowsChart";
import { FailingRowsTable } from "@/components/quality/FailingRowsTable";
import { describeCheck, kindLabel } from "@/components/quality/check-kinds";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { DetailView } from "@/components/ui/DetailView";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { PanelCount } from "@/components/ui/PanelCount";
import { formatRows, formatTime } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TCheck = RouterOutputs["quality"]["check"];

export function CheckDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const check = trpc.quality.check.useQuery({ id }, { refetchInterval: 15_000 });
  return (
    <DetailView query={check} what="check" back={{ href: "/quality", label: "quality" }}>
      {(c) => <CheckPage c={c} canEdit={canEdit} />}
    </DetailView>
  );
}

function CheckPage({ c, canEdit }: { c: TCheck; canEdit: boolean }) {
  const id = c.id;
  const router = useRouter();
  const utils = trpc.useUtils();
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
  const last = c.results[0];
  const lastSample = c.results.find((r) => r.status === "failed" && r.sample.length > 0);
  return (
    <div className="space-y-6">
      <DetailHeader
        back={{ href: "/quality", label: "Quality" }}
        title={c.name}
        titleTestId="check-title"
        badges={
          <>
            <SeverityBadge severity={c.severity} /> <CheckStatusBadge status={last?.status} testId="check-status" />
            {!c.enabled ? (
              <Badge className="text-slate-600" testId="check-disabled">
                disabled
              </Badge>
            ) : null}
          </>
        }
        subtitle={
          <>
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
          </>
        }
        actions={
          canEdit ? (
            <div className="flex flex-col items-end gap-2">
              <div className="flex items-center gap-2">
                <Button
                  variant="primary"
                  size="sm"
                  disabled={!c.enabled || !c.destination || !!c.dbtRunOnlyReason || !!c.removedAt}
                  pending={runNow.isPending}
                  pendingLabel="Running…"
                  onClick={() => runNow.mutate({ id })}
                  testId="run-check"
                >
                  Run now
                </Button>
                <Button pending={toggle.isPending} onClick={() => toggle.mutate({ id, enabled: !c.enabled })} testId="toggle-check">
                  {c.enabled ? "Disable" : "Enable"}
                </Button>
                <ConfirmDeleteButton
                  what={`check "${c.name}" and its results`}
                  onConfirm={() => remove.mutate({ id })}
                  pending={remove.isPending}
                  error={remove.error?.message}
                />
              </div>
              <ErrorAlert message={refusalMessage(toggle.error)} />
              <ErrorAlert message={refusalMessage(runNow.error)} />
            </div>
          ) : undefined
        }
      />

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

      <Panel title="Definition" padded>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="check-definition">
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
      </Panel>

      {last ? (
        <Panel title="Latest result" padded>
          <div className="space-y-2 text-sm">
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
        </Panel>
      ) : (
        <EmptyState title="Not run yet">
          It runs{" "}
          {c.model ? `after the next build of ${c.model.name}` : c.stream ? `after the next sync of ${c.stream}` : "when what produces its dataset runs"}.
        </EmptyState>
      )}

      {lastSample ? (
        <Panel
          title={
            <>
              Failing rows{" "}
              <PanelCount>
                sample of {lastSample.sample.length}
                {lastSample.failingRows !== null ? ` of ${formatRows(lastSample.failingRows)}` : ""}, {formatTime(lastSample.createdAt)}
                {lastSample.id !== last?.id ? " (an earlier result)" : ""}
              </PanelCount>
            </>
          }
        >
          <FailingRowsTable rows={lastSample.sample} />
        </Panel>
      ) : c.samplesWithheld && last?.status === "failed" ? (
        <Panel testId="samples-withheld" className="text-sm text-slate-600" padded>
          Failing-row samples are shown to analysts and above; your role sees the counts only.
        </Panel>
      ) : null}

      {c.results.length ? (
        <Panel
          title={
            <>
              History <PanelCount>last {c.results.length}</PanelCount>
            </>
          }
        >
          <div className="px-4 pt-4">
            <p className="mb-1 text-xs font-medium uppercase text-slate-500">Failing rows per result</p>
            <FailingRowsChart results={c.results} />
          </div>
          <CheckHistory results={c.results} />
        </Panel>
      ) : null}
    </div>
  );
}
