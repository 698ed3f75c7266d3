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
import { ConfirmDeleteButton } from "@/components/endpoints/ConfirmDeleteButton";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];
const BASE = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-50";
const BUTTON = `${BASE} border-slate-300 bg-white hover:bg-slate-100`;
const PRIMARY = `${BASE} border-slate-900 bg-slate-900 text-white hover:bg-slate-700`;

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
        <button
          type="button"
          className={PRIMARY}
          disabled={paused || running || runNow.isPending}
          onClick={() => runNow.mutate({ id })}
          data-testid="run-now"
          title={paused ? "Resume the connection to run it" : running ? "A run is already queued or running" : undefined}
        >
          {runNow.isPending ? "Queuing…" : "Run now"}
        </button>
        {paused ? (
          <button
            type="button"
            className={BUTTON}
            disabled={resume.isPending || choosing}
            onClick={() => resume.mutate({ id })}
            data-testid="resume-connection"
            title={choosing ? "Choose for each type change below; the connection resumes after the last choice" : undefined}
          >
            Resume
          </button>
        ) : (
          <button type="button" className={BUTTON} disabled={pause.isPending} onClick={() => pause.mutate({ id })} data-testid="pause-connection">
            Pause
          </button>
        )}
        {deleteButton}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
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
