"use client";
/**
 * Buttons that start a transform run of a selection (`*`, `m`, `+m`, `m+`)
 * and follow it in place: its status, live, with a link to its page. When it
 * ends, what it changed (builds, check results, incidents) is refetched.
 */
import Link from "next/link";
import { useEffect, useRef } from "react";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export type TRunOption = { selector: string; label: string; testId: string; title?: string; primary?: boolean };

export function RunModelsButtons({ options }: { options: TRunOption[] }) {
  const utils = trpc.useUtils();
  const start = trpc.model.run.useMutation({ onSuccess: () => Promise.all([utils.model.runs.invalidate(), utils.model.history.invalidate()]) });
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {options.map((o) => (
          <Button
            key={o.selector}
            variant={o.primary ? "primary" : "secondary"}
            size="sm"
            title={o.title}
            disabled={start.isPending}
            onClick={() => start.mutate({ selector: o.selector })}
            testId={o.testId}
          >
            {start.isPending && start.variables?.selector === o.selector ? "Starting…" : o.label}
          </Button>
        ))}
      </div>
      <ErrorAlert inline message={start.error?.message} />
      {start.data ? <StartedRun id={start.data.id} selector={start.data.selector} /> : null}
    </div>
  );
}

function StartedRun({ id, selector }: { id: string; selector: string }) {
  const utils = trpc.useUtils();
  const run = trpc.model.runStatus.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.status ?? "queued") ? 2_000 : false) });
  const status = run.data?.status ?? "queued";
  const refreshed = useRef(false);
  useEffect(() => {
    if (isActiveRun(status) || refreshed.current) return;
    refreshed.current = true;
    void Promise.all([utils.model.history.invalidate(), utils.model.runs.invalidate(), utils.quality.invalidate()]);
  }, [status, utils]);
  return (
    <p className="flex items-center gap-2 text-sm text-slate-600" data-testid="transform-run-started" data-run-id={id}>
      Run of <code className="font-mono text-xs">{selector}</code>
      <ModelRunStatusBadge status={status} testId="transform-run-started-status" />
      <Link href={`/models/runs/${id}`} className="font-medium text-slate-900 underline">
        follow it
      </Link>
    </p>
  );
}
