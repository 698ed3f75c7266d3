"use client";
/**
 * The fields of the chosen check kind: the column(s), the accepted values,
 * the referenced dataset, the row bounds, the maximum age, the pattern, the
 * expression or the SQL. Each shows its server error in place.
 */
import { FieldError, INPUT, LABEL, TextField } from "@/components/models/form-fields";
import type { TCheckDraft } from "@/components/quality/check-kinds";

type TTextKey = "column" | "columns" | "values" | "toSchema" | "toTable" | "toColumn" | "min" | "max" | "pattern" | "expression";

type TProps = { draft: TCheckDraft; set: (patch: Partial<TCheckDraft>) => void; errors: Record<string, string> };

export function CheckKindFields({ draft, set, errors }: TProps) {
  const text = (key: TTextKey, label: string, placeholder: string, mono = true, numeric = false) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(v) => set({ [key]: v } as Partial<TCheckDraft>)}
      placeholder={placeholder}
      mono={mono}
      inputMode={numeric ? "numeric" : undefined}
      testId={`check-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`}
      error={errors[`check.${key}`]}
    />
  );
  const column = (label = "Column", optional = false) => text("column", label, optional ? "optional" : "e.g. email");
  switch (draft.kind) {
    case "not_null":
      return <div className="grid gap-4 sm:grid-cols-2">{column()}</div>;
    case "unique":
      return text("columns", "Columns", "e.g. id, or order_id, line (comma-separated)");
    case "accepted_values":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {column()}
          {text("values", "Accepted values", "e.g. placed, paid, shipped (comma-separated)", false)}
        </div>
      );
    case "relationships":
      return (
        <div className="grid gap-4 sm:grid-cols-4">
          {column()}
          {text("toSchema", "References schema", "e.g. silver")}
          {text("toTable", "table", "e.g. customers")}
          {text("toColumn", "column", "e.g. id")}
        </div>
      );
    case "row_count":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {text("min", "At least (rows)", "no minimum", false, true)}
          {text("max", "At most (rows)", "no maximum", false, true)}
          <FieldError message={errors.check} />
        </div>
      );
    case "freshness":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {column("Timestamp column (empty: the dataset's last successful load)", true)}
          <div className={LABEL}>
            At most this old
            <div className="mt-1 flex gap-2">
              <input
                value={draft.maxAge}
                onChange={(e) => set({ maxAge: e.target.value })}
                inputMode="decimal"
                aria-label="Maximum age"
                className={`${INPUT} mt-0`}
                data-testid="check-max-age"
              />
              <select
                value={draft.maxAgeUnit}
                onChange={(e) => set({ maxAgeUnit: e.target.value as TCheckDraft["maxAgeUnit"] })}
                aria-label="Unit"
                className={`${INPUT} mt-0 w-32`}
              >
                <option value="minutes">minutes</option>
                <option value="hours">hours</option>
                <option value="days">days</option>
              </select>
            </div>
            <FieldError message={errors["check.maxAgeSeconds"]} />
          </div>
        </div>
      );
    case "regex":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {column()}
          {text("pattern", "Pattern", "e.g. ^[^@]+@[^@]+$")}
        </div>
      );
    case "expression":
      return text("expression", "Expression, true for every good row", "e.g. amount >= 0 and currency is not null");
    case "custom_sql":
      return (
        <label className={LABEL}>
          SQL returning the failing rows
          <textarea
            value={draft.sql}
            onChange={(e) => set({ sql: e.target.value })}
            rows={4}
            placeholder={"select * from {{ this }} where shipped_at < ordered_at"}
            className={`${INPUT} font-mono`}
            data-testid="check-sql"
          />
          <FieldError message={errors["check.sql"]} />
        </label>
      );
  }
}
