"use client";
/**
 * The model's column descriptions as rows of column and description, added
 * and removed in place.
 */
import { Button } from "@/components/ui/Button";
import { FieldError, INPUT, LABEL } from "@/components/models/form-fields";
import type { TModelDraft } from "@/components/models/model-form";

type TProps = { columns: TModelDraft["columns"]; onChange: (columns: TModelDraft["columns"]) => void; error?: string; readOnly: boolean };

export function ColumnDescriptions({ columns, onChange, error, readOnly }: TProps) {
  const update = (i: number, patch: Partial<TModelDraft["columns"][number]>) => onChange(columns.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset data-testid="model-columns">
      <legend className={LABEL}>Column descriptions</legend>
      {columns.length === 0 ? <p className="mt-1 text-sm text-slate-500">{readOnly ? "No column is described." : "None yet."}</p> : null}
      <div className="mt-1 space-y-2">
        {columns.map((c, i) => (
          <div key={i} className="flex items-start gap-2">
            <CellInput value={c.column} onChange={(column) => update(i, { column })} readOnly={readOnly} name="Column" className="w-48 shrink-0 font-mono" />
            <CellInput
              value={c.description}
              onChange={(description) => update(i, { description })}
              readOnly={readOnly}
              name="Description"
              hint="what it holds"
            />
            {readOnly ? null : (
              <Button
                variant="quiet"
                onClick={() => onChange(columns.filter((_, j) => j !== i))}
                className="mt-1 rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100"
                aria-label={`Remove ${c.column || "column"}`}
              >
                ✕
              </Button>
            )}
          </div>
        ))}
      </div>
      {readOnly ? null : (
        <Button variant="link" className="mt-2" onClick={() => onChange([...columns, { column: "", description: "" }])} testId="add-column-description">
          Add a column
        </Button>
      )}
      <FieldError message={error} />
    </fieldset>
  );
}

/** One input of a column's row, named for screen readers; its placeholder is the hint, else the name in lower case. */
function CellInput(props: { value: string; onChange: (value: string) => void; readOnly: boolean; name: string; hint?: string; className?: string }) {
  const { value, onChange, readOnly, name, hint = name.toLowerCase(), className = "" } = props;
  return (
    <input
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={readOnly}
      placeholder={hint}
      aria-label={name}
      className={`${INPUT} mt-0 ${className}`.trimEnd()}
    />
  );
}
