"use client";
/**
 * What an engineer can do to a connection: run it now, pause or resume it,
 * delete it. A streaming connection is not run but started, paused, resumed
 * and stopped (StreamControls), so it has neither "Run now" nor the pausing
 * of scheduled runs. The server's refusal (already running, paused…) shows here.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { StreamControls } from "@/components/connections/StreamControls";
import { useStreamStatus } from "@/components/connections/use-stream-status";
import { ConfirmDeleteButton } from "@/components/ui/ConfirmDeleteButton";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

export function ConnectionActions({ connection, running }: { connection: TConnection; running: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const id = connection.id;
  const refresh = () => Promise.all([utils.connection.get.invalidate({ id }), utils.connection.list.invalidate(), utils.run.list.invalidate()]);
  const runNow = trpc.connection.runNow.useMutation({ onSuccess: refresh });
  const pause = trpc.connection.pause.useMutation({ onSuccess: refresh });
  const resume = trpc.connection.resume.useMutation({ onSuccess: refresh });
  const remove = trpc.connection.delete.useMutation({
    onSuccess: async () => {
      await utils.connection.list.invalidate();
      router.push("/connections");
    },
  });
  const stream = useStreamStatus(id, connection.streaming);
  const error = runNow.error ?? pause.error ?? resume.error;
  const paused = connection.status === "paused";
  // A type change waiting for a choice resumes the connection by itself once chosen (PendingTypeChanges).
  const choosing = connection.streams.some((s) => s.typeConflicts.length > 0);
  const deleteButton = (
    <ConfirmDeleteButton
      what={`"${connection.name}" and its run history`}
      onConfirm={() => remove.mutate({ id })}
      pending={remove.isPending}
      error={remove.error?.message}
    />
  );

  if (connection.streaming) {
    return (
      <StreamControls connectionId={id} state={stream.data ? stream.data.state : connection.streamState}>
        {deleteButton}
      </StreamControls>
    );
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={paused || running}
          pending={runNow.isPending}
          pendingLabel="Queuing…"
          onClick={() => runNow.mutate({ id })}
          testId="run-now"
          title={paused ? "Resume the connection to run it" : running ? "A run is already queued or running" : undefined}
        >
          Run now
        </Button>
        {paused ? (
          <Button
            disabled={resume.isPending || choosing}
            onClick={() => resume.mutate({ id })}
            testId="resume-connection"
            title={choosing ? "Choose for each type change below; the connection resumes after the last choice" : undefined}
          >
            Resume
          </Button>
        ) : (
          <Button disabled={pause.isPending} onClick={() => pause.mutate({ id })} testId="pause-connection">
            Pause
          </Button>
        )}
        {deleteButton}
      </div>
      <ErrorAlert message={error?.message} />
      {runNow.data ? (
        <p className="text-sm text-slate-600" data-testid="run-queued">
          Run queued —{" "}
          <Link href={`/runs/${runNow.data.id}`} className="font-medium underline">
            follow it
          </Link>
        </p>
      ) : null}
    </div>
  );
}
