"use client";
/**
 * A delete button that asks once more before it acts, in place (no browser
 * dialog), and shows the server's refusal if there is one.
 */
import { useState } from "react";

type TProps = { what: string; onConfirm: () => void; pending: boolean; error?: string | null };

export function ConfirmDeleteButton({ what, onConfirm, pending, error }: TProps) {
  const [asking, setAsking] = useState(false);
  const base = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          <span className="text-sm text-slate-700">Delete {what}?</span>
          <button
            type="button"
            disabled={pending}
            onClick={onConfirm}
            className={`${base} bg-red-700 text-white hover:bg-red-800`}
            data-testid="confirm-delete"
          >
            {pending ? "Deleting…" : "Yes, delete"}
          </button>
          <button type="button" onClick={() => setAsking(false)} className={`${base} border border-slate-300 bg-white hover:bg-slate-100`}>
            Keep
          </button>
        </>
      ) : (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className={`${base} border border-red-200 bg-white text-red-700 hover:bg-red-50`}
          data-testid="delete"
        >
          Delete
        </button>
      )}
      {error ? (
        <span role="alert" className="basis-full text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
