"use client";
/**
 * Start, pause, resume and stop a streaming connection: only the buttons
 * the current state allows. Rendered for engineers only (the server checks
 * the role and refuses a transition that is no longer valid, e.g. after
 * someone else stopped the stream; that refusal shows here).
 */
import type { ReactNode } from "react";
import { streamActions, type TStreamAction, type TStreamState } from "@/components/connections/stream-status-format";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc } from "@/components/trpc/trpc-react";

const ACTION: Record<TStreamAction, { label: string; pending: string; primary: boolean; title: string }> = {
  start: { label: "Start", pending: "Starting…", primary: true, title: "The workers join the connection's consumer group and land messages continuously" },
  pause: { label: "Pause", pending: "Pausing…", primary: false, title: "The workers keep their partitions but fetch nothing until resumed" },
  resume: { label: "Resume", pending: "Resuming…", primary: true, title: "Fetch again from the committed offsets" },
  stop: {
    label: "Stop",
    pending: "Stopping…",
    primary: false,
    title: "The workers land what they hold, commit and leave the group; Start continues from the committed offsets",
  },
};

/** `children` (e.g. Delete) follow the stream buttons on the same row; a refusal shows underneath. */
export function StreamControls({ connectionId, state, children }: { connectionId: string; state: TStreamState; children?: ReactNode }) {
  const utils = trpc.useUtils();
  const control = trpc.connection.streamControl.useMutation({
    onSuccess: async (status) => {
      utils.connection.streamStatus.setData({ id: connectionId }, status);
      await Promise.all([utils.connection.get.invalidate({ id: connectionId }), utils.connection.list.invalidate(), utils.run.list.invalidate()]);
    },
  });
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {streamActions(state).map((action) => {
          const a = ACTION[action];
          return (
            <Button
              key={action}
              variant={a.primary ? "primary" : "secondary"}
              size="sm"
              disabled={control.isPending}
              pending={control.isPending && control.variables?.action === action}
              pendingLabel={a.pending}
              title={a.title}
              onClick={() => control.mutate({ id: connectionId, action })}
              testId={`stream-${action}`}
            >
              {a.label}
            </Button>
          );
        })}
        {children}
      </div>
      <ErrorAlert message={control.error?.message} testId="stream-control-error" />
    </div>
  );
}
