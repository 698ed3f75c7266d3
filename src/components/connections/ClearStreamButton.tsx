"use client";
/**
 * "Clear" on a stream: forgets its state so the next run reads everything;
 * after a second confirmation it also drops the destination table.
 */
import { useState } from "react";
import { trpc } from "@/components/trpc/trpc-react";

export function ClearStreamButton({ connectionId, stream }: { connectionId: string; stream: string }) {
  const utils = trpc.useUtils();
  const [asking, setAsking] = useState(false);
  const clear = trpc.connection.clearStream.useMutation({
    onSuccess: async () => {
      setAsking(false);
      await utils.connection.get.invalidate({ id: connectionId });
    },
  });
  const base = "rounded-md px-2 py-1 text-xs font-medium disabled:opacity-60";
  if (!asking) {
    return (
      <button
        type="button"
        onClick={() => setAsking(true)}
        className={`${base} border border-slate-300 bg-white hover:bg-slate-100`}
        data-testid={`clear-stream-${stream}`}
      >
        Clear
      </button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <button
        type="button"
        disabled={clear.isPending}
        onClick={() => clear.mutate({ id: connectionId, stream, dropTable: false })}
        className={`${base} border border-slate-300 bg-white hover:bg-slate-100`}
        data-testid={`clear-state-${stream}`}
      >
        Clear state
      </button>
      <button
        type="button"
        disabled={clear.isPending}
        onClick={() => clear.mutate({ id: connectionId, stream, dropTable: true })}
        className={`${base} bg-red-700 text-white hover:bg-red-800`}
        data-testid={`clear-state-and-table-${stream}`}
      >
        Clear state and drop table
      </button>
      <button type="button" onClick={() => setAsking(false)} className={`${base} text-slate-600`}>
        Keep
      </button>
      {clear.error ? (
        <span role="alert" className="basis-full text-xs text-red-700">
          {clear.error.message}
        </span>
      ) : null}
    </span>
  );
}
