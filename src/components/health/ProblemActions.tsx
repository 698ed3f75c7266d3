"use client";
/**
 * What an operator can do about one problem on the health page: retry the
 * failed run, pause or resume the connection, rebuild a model with what is
 * downstream of it, acknowledge an incident, run a check again. Each calls
 * the procedure that does it (engineer and up; audited there); viewers see
 * no buttons, and the server refuses them anyway.
 */
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import type { RouterOutputs } from "@/components/trpc/trpc-react";
import { trpc } from "@/components/trpc/trpc-react";

type TAction = RouterOutputs["health"]["summary"]["failingConnections"][number]["actions"][number];

const LABELS: Record<TAction["kind"], string> = {
  retry_run: "Retry",
  cancel_run: "Cancel run",
  pause_connection: "Pause",
  resume_connection: "Resume",
  pause_stream: "Pause stream",
  resume_stream: "Resume stream",
  rerun_model: "Rebuild + downstream",
  acknowledge_incident: "Acknowledge",
  run_check: "Run check",
};

export function ProblemActions({ actions, onDone }: { actions: TAction[]; onDone: () => void }) {
  const [said, setSaid] = useState<string | null>(null);
  const done = (message: string) => {
    setSaid(message);
    onDone();
  };
  const fail = (e: { message: string }) => setSaid(e.message);
  const retry = trpc.run.retry.useMutation({ onSuccess: () => done("A new run is queued."), onError: fail });
  const pause = trpc.connection.pause.useMutation({ onSuccess: () => done("Paused."), onError: fail });
  const resume = trpc.connection.resume.useMutation({ onSuccess: () => done("Resumed."), onError: fail });
  const cancel = trpc.run.cancel.useMutation({ onSuccess: () => done("Cancel requested; the worker stops at its next check."), onError: fail });
  const stream = trpc.connection.streamControl.useMutation({
    onSuccess: (st) => done(st.state === "paused" ? "Stream paused." : "Stream resumed."),
    onError: fail,
  });
  const rerun = trpc.model.run.useMutation({ onSuccess: () => done("Rebuild queued."), onError: fail });
  const acknowledge = trpc.quality.acknowledge.useMutation({ onSuccess: () => done("Acknowledged."), onError: fail });
  const runCheck = trpc.quality.runCheck.useMutation({ onSuccess: (c) => done(`Check ran: ${c.results[0]?.status ?? "done"}.`), onError: fail });
  const pending = [retry, cancel, pause, resume, stream, rerun, acknowledge, runCheck].some((m) => m.isPending);

  const act = (a: TAction) => {
    setSaid(null);
    if (a.kind === "retry_run") retry.mutate({ id: a.id });
    if (a.kind === "cancel_run") cancel.mutate({ id: a.id });
    if (a.kind === "pause_stream") stream.mutate({ id: a.id, action: "pause" });
    if (a.kind === "resume_stream") stream.mutate({ id: a.id, action: "resume" });
    if (a.kind === "pause_connection") pause.mutate({ id: a.id });
    if (a.kind === "resume_connection") resume.mutate({ id: a.id });
    if (a.kind === "rerun_model") rerun.mutate({ selector: `${a.id}+` });
    if (a.kind === "acknowledge_incident") acknowledge.mutate({ id: a.id });
    if (a.kind === "run_check") runCheck.mutate({ id: a.id });
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {actions.map((a) => (
        <Button key={a.kind} size="xs" disabled={pending} onClick={() => act(a)} testId={`action-${a.kind}`}>
          {LABELS[a.kind]}
        </Button>
      ))}
      {said ? (
        <span className="text-xs text-slate-600" role="status">
          {said}
        </span>
      ) : null}
    </span>
  );
}
