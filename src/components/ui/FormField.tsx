/**
 * A labelled form control: the label over the control, an optional hint
 * under it, and the field's error (data-testid "field-error") under that.
 * `inputClass` is the look of a text input or select inside one.
 */
import type { ReactNode } from "react";

export const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

type TProps = { label: ReactNode; hint?: ReactNode; error?: string | null; className?: string; children: ReactNode };

export function FormField({ label, hint, error, className, children }: TProps) {
  return (
    <label className={["block text-sm font-medium text-slate-800", className].filter(Boolean).join(" ")}>
      {label}
      {children}
      {hint ? <span className="mt-1 block text-xs font-normal text-slate-500">{hint}</span> : null}
      {error ? (
        <span className="mt-1 block text-xs font-normal text-red-700" data-testid="field-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}
