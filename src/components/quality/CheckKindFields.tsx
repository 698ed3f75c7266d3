"use client";
/**
 * The fields of the chosen check kind: the column(s), the accepted values,
 * the referenced dataset, the row bounds, the maximum age, the pattern, the
 * expression or the SQL. Each shows its server error in place.
 */
import { FieldError, INPUT, LABEL } from "@/components/models/ModelFields";
import type { TCheckDraft } from "@/components/quality/check-kinds";

type TProps = { draft: TCheckDraft; set: (patch: Partial<TCheckDraft>) => void; errors: Record<string, string> };

export function CheckKindFields({ draft, set, errors }: TProps) {
  const column = (label = "Column", optional = false) => (
    <label className={LABEL}>
      {label}
      <input
        value={draft.column}
        onChange={(e) => set({ column: e.target.value })}
        placeholder={optional ? "optional" : "e.g. email"}
        className={`${INPUT} font-mono`}
        data-testid="check-column"
      />
      <FieldError message={errors["check.column"]} />
    </label>
  );
  switch (draft.kind) {
    case "not_null":
      return <div className="grid gap-4 sm:grid-cols-2">{column()}</div>;
    case "unique":
      return (
        <label className={LABEL}>
          Columns
          <input
            value={draft.columns}
            onChange={(e) => set({ columns: e.target.value })}
            placeholder="e.g. id, or order_id, line (comma-separated)"
            className={`${INPUT} font-mono`}
            data-testid="check-columns"
          />
          <FieldError message={errors["check.columns"]} />
        </label>
      );
    case "accepted_values":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          {column()}
          <label className={LABEL}>
            Accepted values
            <input
              value={draft.values}
              onChange={(e) => set({ values: e.target.value })}
              placeholder="e.g. placed, paid, shipped (comma-separated)"
              className={INPUT}
              data-testid="check-values"
            />
            <FieldError message={errors["check.values"]} />
          </label>
        </div>
      );
    case "relationships":
      return (
        <div className="grid gap-4 sm:grid-cols-4">
          {column()}
          <label className={LABEL}>
            References schema
            <input
              value={draft.toSchema}
              onChange={(e) => set({ toSchema: e.target.value })}
              placeholder="e.g. silver"
              className={`${INPUT} font-mono`}
              data-testid="check-to-schema"
            />
            <FieldError message={errors["check.toSchema"]} />
          </label>
          <label className={LABEL}>
            table
            <input
              value={draft.toTable}
              onChange={(e) => set({ toTable: e.target.value })}
              placeholder="e.g. customers"
              className={`${INPUT} font-mono`}
              data-testid="check-to-table"
            />
            <FieldError message={errors["check.toTable"]} />
          </label>
          <label className={LABEL}>
            column
            <input
              value={draft.toColumn}
              onChange={(e) => set({ toColumn: e.target.value })}
              placeholder="e.g. id"
              className={`${INPUT} font-mono`}
              data-testid="check-to-column"
            />
            <FieldError message={errors["check.toColumn"]} />
          </label>
        </div>
      );
    case "row_count":
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <label className={LABEL}>
            At least (rows)
            <input
              value={draft.min}
              onChange={(e) => set({ min: e.target.value })}
              inputMode="numeric"
              placeholder="no minimum"
              className={INPUT}
              data-testid="check-min"
            />
            <FieldError message={errors["check.min"]} />
          </label>
          <label className={LABEL}>
            At most (rows)
            <input
              value={draft.max}
              onChange={(e) => set({ max: e.target.value })}
              inputMode="numeric"
              placeholder="no maximum"
              className={INPUT}
              data-testid="check-max"
            />
            <FieldError message={errors["check.max"]} />
          </label>
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
          <label className={LABEL}>
            Pattern
            <input
              value={draft.pattern}
              onChange={(e) => set({ pattern: e.target.value })}
              placeholder="e.g. ^[^@]+@[^@]+$"
              className={`${INPUT} font-mono`}
              data-testid="check-pattern"
            />
            <FieldError message={errors["check.pattern"]} />
          </label>
        </div>
      );
    case "expression":
      return (
        <label className={LABEL}>
          Expression, true for every good row
          <input
            value={draft.expression}
            onChange={(e) => set({ expression: e.target.value })}
            placeholder="e.g. amount >= 0 and currency is not null"
            className={`${INPUT} font-mono`}
            data-testid="check-expression"
          />
          <FieldError message={errors["check.expression"]} />
        </label>
      );
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
