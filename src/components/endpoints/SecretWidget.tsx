"use client";
/**
 * The rjsf widget for fields the spec marks "secret": a password input that
 * never shows the saved value (a text area for secrets of several lines,
 * such as a private key). When the saved configuration has the secret (its
 * id is in the form context), it says so and an empty input keeps it.
 */
import { ariaDescribedByIds, type WidgetProps } from "@rjsf/utils";

/** What ConnectorSchemaForm passes as rjsf's formContext. */
export type TSecretFormContext = { savedSecretIds: ReadonlySet<string> };

export function SecretWidget({ id, htmlName, value, required, disabled, readonly, autofocus, options, registry, onChange, onBlur, onFocus }: WidgetProps) {
  const saved = (registry.formContext as TSecretFormContext | undefined)?.savedSecretIds.has(id) === true;
  const common = {
    id,
    name: htmlName ?? id,
    className: "form-control",
    value: typeof value === "string" ? value : "",
    placeholder: saved ? "set — leave empty to keep" : undefined,
    required: required && !saved,
    disabled: disabled || readonly,
    autoFocus: autofocus,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value === "" ? options.emptyValue : e.target.value),
    onBlur: (e: { target: { value: string } }) => onBlur(id, e.target.value),
    onFocus: (e: { target: { value: string } }) => onFocus(id, e.target.value),
    "aria-describedby": ariaDescribedByIds(id),
    "data-testid": `secret-input-${id}`,
  };
  return (
    <div className="flex items-center gap-2">
      {options.multiline ? (
        <textarea {...common} rows={4} spellCheck={false} autoComplete="off" className="form-control font-mono text-xs" />
      ) : (
        <input {...common} type="password" autoComplete="new-password" />
      )}
      {saved ? (
        <span className="shrink-0 rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800" data-testid={`secret-set-${id}`}>
          set
        </span>
      ) : null}
    </div>
  );
}
