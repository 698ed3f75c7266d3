/**
 * The pieces of the model and check forms: input and label classes, a
 * field's server error in place, TextField (a labelled one-line input, the
 * label around it so it names the input) and SelectField, each with an
 * optional hint.
 */
import type { HTMLAttributes, ReactNode } from "react";

export const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50 disabled:text-slate-700";
export const LABEL = "block text-sm font-medium text-slate-800";

export function FieldError({ message, testId = "field-error" }: { message?: string | null; testId?: string }) {
  return message ? (
    <p className="mt-1 whitespace-pre-wrap text-xs text-red-700" data-testid={testId}>
      {message}
    </p>
  ) : null;
}

type TProps = {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  error?: string | null;
  placeholder?: string;
  /** Monospace, for names, keys, patterns and SQL. */
  mono?: boolean;
  hint?: ReactNode;
  disabled?: boolean;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  className?: string;
};

export function TextField({ label, value, onChange, testId, error, placeholder, mono = false, hint, disabled, inputMode, className }: TProps) {
  return (
    <label className={className ? `${LABEL} ${className}` : LABEL}>
      {label}
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        placeholder={placeholder}
        inputMode={inputMode}
        className={mono ? `${INPUT} font-mono` : INPUT}
        data-testid={testId}
      />
      <FieldHint hint={hint} error={error} />
    </label>
  );
}

type TSelectProps = Pick<TProps, "label" | "value" | "onChange" | "testId" | "error" | "hint" | "disabled"> & {
  /** The <option>s. */
  children: ReactNode;
};

export function SelectField({ label, value, onChange, testId, error, hint, disabled, children }: TSelectProps) {
  return (
    <label className={LABEL}>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} className={INPUT} data-testid={testId}>
        {children}
      </select>
      <FieldHint hint={hint} error={error} />
    </label>
  );
}

function FieldHint({ hint, error }: { hint: ReactNode; error?: string | null }) {
  return (
    <>
      {hint != null ? <span className="mt-1 block text-xs font-normal text-slate-500">{hint}</span> : null}
      <FieldError message={error} />
    </>
  );
}
