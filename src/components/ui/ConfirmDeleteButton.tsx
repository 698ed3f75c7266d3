"use client";
/**
 * A delete button that asks once more before it acts, in place (no browser
 * dialog), and shows the server's refusal if there is one.
 */
import { useState } from "react";
import { Button } from "@/components/ui/Button";

type TProps = { what: string; onConfirm: () => void; pending: boolean; error?: string | null };

export function ConfirmDeleteButton({ what, onConfirm, pending, error }: TProps) {
  const [asking, setAsking] = useState(false);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          <span className="text-sm text-slate-700">Delete {what}?</span>
          <Button variant="danger" pending={pending} pendingLabel="Deleting…" onClick={onConfirm} testId="confirm-delete">
            Yes, delete
          </Button>
          <Button onClick={() => setAsking(false)}>Keep</Button>
        </>
      ) : (
        <Button variant="danger-outline" onClick={() => setAsking(true)} testId="delete">
          Delete
        </Button>
      )}
      {error ? (
        <span role="alert" className="basis-full text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
