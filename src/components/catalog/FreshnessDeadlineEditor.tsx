"use client";
/**
 * A dataset's freshness deadline: none, "no older than N hours/minutes" or
 * "updated by HH:MM UTC every day"; whether it is breached now. Engineers
 * set it; Weir evaluates it continuously and alert rules on freshness fire
 * when it is missed.
 */
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { refusalMessage } from "@/components/forms/field-errors";
import { formatTime } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

type TMode = "none" | "max_age" | "daily_by";

export function FreshnessDeadlineEditor({ datasetId, canEdit }: { datasetId: string; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const current = trpc.catalog.freshnessDeadline.useQuery({ id: datasetId }, { refetchInterval: 15_000 });
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<TMode>("max_age");
  const [hours, setHours] = useState("2");
  const [dailyBy, setDailyBy] = useState("06:00");
  const save = trpc.catalog.setFreshnessDeadline.useMutation({
    onSuccess: async () => {
      await utils.catalog.freshnessDeadline.invalidate({ id: datasetId });
      setEditing(false);
    },
  });
  const d = current.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const deadline =
      mode === "none"
        ? null
        : mode === "max_age"
          ? { kind: "max_age" as const, maxAgeSeconds: Math.round(Number(hours) * 3600) }
          : { kind: "daily_by" as const, dailyBy };
    save.mutate({ datasetId, deadline });
  };
  const state = d ? (
    <Badge tone={d.breach ? "danger" : "success"} testId="freshness-state" className="font-normal">
      {d.description} — {d.breach ? `late since ${formatTime(d.breach.openedAt)}` : "on time"}
    </Badge>
  ) : (
    <span className="text-sm text-slate-500">None.</span>
  );
  const error = refusalMessage(save.error) ?? current.error?.message ?? null;
  return (
    <Panel padded testId="freshness-deadline">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold">Freshness deadline</h2>
        {state}
        {canEdit && !editing ? (
          <Button variant="link" size="sm" className="font-normal" onClick={() => setEditing(true)} testId="edit-freshness">
            {d ? "Change" : "Set one"}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-3 text-sm">
          <label>
            <span className="block text-xs text-slate-600">Kind</span>
            <select
              value={mode}
              onChange={(e) => setMode(e.target.value as TMode)}
              className="rounded border border-slate-300 px-2 py-1"
              data-testid="freshness-mode"
            >
              <option value="max_age">No older than</option>
              <option value="daily_by">Updated every day by (UTC)</option>
              <option value="none">No deadline</option>
            </select>
          </label>
          {mode === "max_age" ? (
            <label>
              <span className="block text-xs text-slate-600">Hours</span>
              <input
                value={hours}
                onChange={(e) => setHours(e.target.value)}
                inputMode="decimal"
                className="w-20 rounded border border-slate-300 px-2 py-1"
                data-testid="freshness-hours"
              />
            </label>
          ) : null}
          {mode === "daily_by" ? (
            <label>
              <span className="block text-xs text-slate-600">Time (HH:MM, UTC)</span>
              <input
                value={dailyBy}
                onChange={(e) => setDailyBy(e.target.value)}
                className="w-24 rounded border border-slate-300 px-2 py-1"
                data-testid="freshness-daily-by"
              />
            </label>
          ) : null}
          <Button type="submit" variant="primary" size="sm" pending={save.isPending} testId="save-freshness">
            Save
          </Button>
          <Button variant="quiet" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      {error ? (
        <div className="mt-3">
          <ErrorAlert message={error} />
        </div>
      ) : null}
    </Panel>
  );
}
