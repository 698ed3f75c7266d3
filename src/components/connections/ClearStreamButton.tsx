"use client";
/**
 * "Clear" on a stream: forgets its state so the next run reads everything;
 * after a second confirmation it also drops the destination table.
 */
import { useState } from "react";
import { Button } from "@/components/ui/Button";
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
  if (!asking) {
    return (
      <Button onClick={() => setAsking(true)} testId={`clear-stream-${stream}`}>
        Clear
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1">
      <Button disabled={clear.isPending} onClick={() => clear.mutate({ id: connectionId, stream, dropTable: false })} testId={`clear-state-${stream}`}>
        Clear state
      </Button>
      <Button
        variant="danger"
        size="sm"
        disabled={clear.isPending}
        onClick={() => clear.mutate({ id: connectionId, stream, dropTable: true })}
        testId={`clear-state-and-table-${stream}`}
      >
        Clear state and drop table
      </Button>
      <Button variant="quiet" className="px-2" onClick={() => setAsking(false)}>
        Keep
      </Button>
      {clear.error ? (
        <span role="alert" className="basis-full text-xs text-red-700">
          {clear.error.message}
        </span>
      ) : null}
    </span>
  );
}
