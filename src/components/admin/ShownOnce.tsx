"use client";
/**
 * A secret Weir shows once (an API token, an invitation or reset link): its
 * heading and what to know, an "I have copied it" dismissal, and the value
 * with a copy button. Weir keeps only a hash, so this is the only chance.
 */
import type { ReactNode } from "react";

import { CopyButton } from "@/components/admin/CopyButton";
import { Button } from "@/components/ui/Button";

type TProps = { title: ReactNode; children: ReactNode; value: string; valueTestId: string; copyLabel: string; onDismiss: () => void };

export function ShownOnce({ title, children, value, valueTestId, copyLabel, onDismiss }: TProps) {
  return (
    <>
      <div className="flex items-start justify-between gap-4">
        <div>
          <h3 className="font-semibold text-amber-950">{title}</h3>
          {children}
        </div>
        <Button onClick={onDismiss} className="shrink-0">
          I have copied it
        </Button>
      </div>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 select-all break-all rounded-md border border-amber-200 bg-white px-3 py-2 font-mono text-sm text-slate-900"
          data-testid={valueTestId}
        >
          {value}
        </code>
        <CopyButton text={value} label={copyLabel} />
      </div>
    </>
  );
}
