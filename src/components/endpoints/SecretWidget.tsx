"use client";
/**
 * The rjsf widget for fields the spec marks "secret": a password input that
 * never shows the saved value. When the saved configuration has the secret
 * (its id is in the form context), it says so and an empty input keeps it.
 */
import { ariaDescribedByIds, type WidgetProps } from "@rjsf/utils";

/** What ConnectorSchemaForm passes as rjsf's formContext. */
export type TSecretFormContext = { savedSecretIds: ReadonlySet<string> };

export function SecretWidget({ id, htmlName, value, required, disabled, readonly, autofocus, options, registry, onChange, onBlur, onFocus }: WidgetProps) {
  const saved = (registry.formContext as TSecretFormContext | undefined)?.savedSecretIds.has(id) === true;
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        name={htmlName ?? id}
        type="password"
        autoComplete="new-password"
        className="form-control"
        value={typeof value === "string" ? value : ""}
        placeholder={saved ? "set — leave empty to keep" : undefined}
        required={required && !saved}
        disabled={disabled || readonly}
        autoFocus={autofocus}
        onChange={(e) => onChange(e.target.value === "" ? options.emptyValue : e.target.value)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
        aria-describedby={ariaDescribedByIds(id)}
        data-testid={`secret-input-${id}`}
      />
      {saved ? (
        <span className="shrink-0 rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800" data-testid={`secret-set-${id}`}>
          set
        </span>
      ) : null}
    </div>
  );
}
