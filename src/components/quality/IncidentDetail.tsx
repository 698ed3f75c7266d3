"use client";
/**
 * One incident: the failing check and its dataset, what the check last found,
 * and the incident's life (opened, acknowledged by whom and when, resolved by
 * whom, when and why, or by itself when the check passed). Engineers
 * acknowledge it and resolve it with a reason.
 */
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { FailingRowsTable } from "@/components/quality/FailingRowsTable";
import { IncidentStatusBadge } from "@/components/quality/IncidentStatusBadge";
import { describeCheck } from "@/components/quality/check-kinds";
import { Button } from "@/components/ui/Button";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { DetailView } from "@/components/ui/DetailView";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { formatTime } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TIncident = RouterOutputs["quality"]["incident"];

export function IncidentDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const incident = trpc.quality.incident.useQuery({ id }, { refetchInterval: 10_000 });
  return (
    <DetailView query={incident} what="incident" back={{ href: "/quality/incidents", label: "incidents" }}>
      {(i) => <IncidentPage i={i} canEdit={canEdit} />}
    </DetailView>
  );
}

function IncidentPage({ i, canEdit }: { i: TIncident; canEdit: boolean }) {
  const check = trpc.quality.check.useQuery({ id: i.check.id });
  const last = check.data?.results[0];
  const sample = check.data?.results.find((r) => r.status === "failed" && r.sample.length > 0 && r.createdAt >= i.openedAt);
  return (
    <div className="space-y-6">
      <DetailHeader
        back={{ href: "/quality/incidents", label: "Incidents" }}
        title={
          <span>
            Check{" "}
            <Link href={`/quality/checks/${i.check.id}`} className="hover:underline">
              &ldquo;{i.check.name}&rdquo;
            </Link>{" "}
            failed
          </span>
        }
        titleTestId="incident-title"
        badges={<IncidentStatusBadge status={i.status} testId="incident-status" />}
        subtitle={
          <>
            On <code className="font-mono">{i.check.dataset}</code> · <SeverityBadge severity={i.check.severity} />
            {check.data ? <> · {describeCheck(check.data.check)}</> : null}
          </>
        }
      />

      <Panel title="Timeline" padded>
        <ol className="space-y-2 text-sm" data-testid="incident-timeline">
          <li>
            <span className="font-medium">Opened</span> <span className="text-slate-600">{formatTime(i.openedAt)}</span>, when the check failed.
          </li>
          {i.acknowledgedAt ? (
            <li data-testid="incident-acknowledged">
              <span className="font-medium">Acknowledged</span> by {i.acknowledgedBy ?? "a deleted user"}{" "}
              <span className="text-slate-600">{formatTime(i.acknowledgedAt)}</span>
            </li>
          ) : null}
          {i.status === "resolved" ? (
            <li data-testid="incident-resolved">
              <span className="font-medium">Resolved</span> {i.autoResolved ? "by itself" : `by ${i.resolvedBy ?? "a deleted user"}`}{" "}
              <span className="text-slate-600">{formatTime(i.resolvedAt)}</span>
              {i.resolution ? (
                <p className="mt-1 whitespace-pre-wrap rounded bg-slate-50 px-3 py-2 text-slate-800" data-testid="incident-resolution">
                  {i.resolution}
                </p>
              ) : null}
            </li>
          ) : (
            <li className="text-slate-600">
              Not resolved yet. It resolves by itself when the check passes again
              {i.check.severity === "error" ? "; until then the models that read the dataset are blocked" : ""}.
            </li>
          )}
        </ol>
      </Panel>

      {last ? (
        <Panel title={<span data-testid="incident-last-result">What the check found last</span>}>
          <p className="flex flex-wrap items-center gap-2 p-4 text-sm">
            <CheckStatusBadge status={last.status} /> {last.message} <span className="text-slate-500">{formatTime(last.createdAt)}</span>
          </p>
          {sample ? (
            <>
              <h3 className="px-4 pb-2 text-xs font-medium uppercase text-slate-500">Failing rows (sample, {formatTime(sample.createdAt)})</h3>
              <FailingRowsTable rows={sample.sample} />
            </>
          ) : check.data?.samplesWithheld ? (
            <p className="px-4 pb-4 text-sm text-slate-600" data-testid="samples-withheld">
              Failing-row samples are shown to analysts and above.
            </p>
          ) : null}
        </Panel>
      ) : null}

      {canEdit && i.status !== "resolved" ? <IncidentActions id={i.id} status={i.status} /> : null}
    </div>
  );
}

function IncidentActions({ id, status }: { id: string; status: "open" | "acknowledged" }) {
  const utils = trpc.useUtils();
  const [resolution, setResolution] = useState("");
  const done = async () => Promise.all([utils.quality.incidents.invalidate(), utils.quality.checks.invalidate(), utils.quality.check.invalidate()]);
  const acknowledge = trpc.quality.acknowledge.useMutation({
    onSuccess: async (inc) => {
      utils.quality.incident.setData({ id }, inc);
      await done();
    },
  });
  const resolve = trpc.quality.resolve.useMutation({
    onSuccess: async (inc) => {
      utils.quality.incident.setData({ id }, inc);
      await done();
    },
  });
  function onResolve(e: FormEvent) {
    e.preventDefault();
    resolve.mutate({ id, resolution });
  }
  return (
    <Panel title="Handle it" testId="incident-actions" padded>
      <div className="space-y-4">
        {status === "open" ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button pending={acknowledge.isPending} pendingLabel="Acknowledging…" onClick={() => acknowledge.mutate({ id })} testId="acknowledge-incident">
              Acknowledge
            </Button>
            <span className="text-sm text-slate-600">Tells the team someone is on it.</span>
            <ErrorAlert message={acknowledge.error?.message} />
          </div>
        ) : null}
        <form onSubmit={onResolve} className="space-y-2">
          <label className="block text-sm font-medium text-slate-800">
            Resolve with a reason
            <textarea
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
              rows={3}
              placeholder="What was wrong and what was done, e.g. the upstream export was fixed and re-run"
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              data-testid="incident-resolution-input"
            />
          </label>
          <p className="text-xs text-slate-500">Resolving by hand does not lift a block: models stay blocked until the check passes again.</p>
          <Button type="submit" variant="primary" disabled={!resolution.trim()} pending={resolve.isPending} pendingLabel="Resolving…" testId="resolve-incident">
            Resolve
          </Button>
          <ErrorAlert message={resolve.error?.message} />
        </form>
      </div>
    </Panel>
  );
}
