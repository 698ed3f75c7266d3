"use client";
/**
 * Weir's look for rjsf's default theme: the field frame (label, help, errors)
 * and text buttons in place of the Bootstrap glyph icons the core theme uses.
 * Inputs keep rjsf's own templates and are styled by CSS in
 * ConnectorSchemaForm.
 */
import type { FieldErrorProps, FieldTemplateProps, IconButtonProps, OptionalDataControlsTemplateProps, TemplatesType } from "@rjsf/utils";

function FieldTemplate({ id, label, children, errors, help, description, hidden, required, displayLabel, schema }: FieldTemplateProps) {
  if (hidden) return <div className="hidden">{children}</div>;
  const showLabel = displayLabel && schema.type !== "boolean";
  return (
    <div className="mb-4" data-testid={`field-${id}`}>
      {showLabel ? (
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
          {required ? <span className="ml-0.5 text-red-600">*</span> : null}
        </label>
      ) : null}
      {displayLabel && description ? <div className="text-xs text-slate-500">{description}</div> : null}
      <div className="mt-1">{children}</div>
      {errors}
      {help}
    </div>
  );
}

function FieldErrorTemplate({ errors }: FieldErrorProps) {
  const list = (errors ?? []).filter(Boolean);
  if (list.length === 0) return null;
  return (
    <ul className="mt-1 text-xs text-red-700" data-testid="field-error">
      {list.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}

function textButton(text: string, danger = false) {
  return function TextButton({ iconType: _i, icon: _c, uiSchema: _u, registry: _r, className: _cl, ...rest }: IconButtonProps) {
    return (
      <button
        type="button"
        {...rest}
        className={`rounded border px-2 py-1 text-xs font-medium disabled:opacity-50 ${danger ? "border-red-200 text-red-700 hover:bg-red-50" : "border-slate-300 text-slate-700 hover:bg-slate-100"}`}
      >
        {text}
      </button>
    );
  };
}

const SetUpButton = textButton("+ Set up");
const ClearOptionalButton = textButton("Remove", true);

/** Optional objects (pagination, incremental…) stay closed until set up; rjsf passes the label ("Add" / "Remove" / "No data"). */
function OptionalDataControlsTemplate({ id, label, registry, onAddClick, onRemoveClick }: OptionalDataControlsTemplateProps) {
  if (onAddClick) return <SetUpButton id={id} title={label} onClick={onAddClick} registry={registry} />;
  if (onRemoveClick) return <ClearOptionalButton id={id} title={label} onClick={onRemoveClick} registry={registry} />;
  return (
    <em id={id} className="text-xs text-slate-400">
      {label}
    </em>
  );
}

export const WEIR_RJSF_TEMPLATES: Partial<TemplatesType> = {
  FieldTemplate,
  FieldErrorTemplate,
  OptionalDataControlsTemplate,
  ButtonTemplates: {
    AddButton: textButton("+ Add"),
    RemoveButton: textButton("Remove", true),
    MoveUpButton: textButton("↑"),
    MoveDownButton: textButton("↓"),
    CopyButton: textButton("Copy"),
    ClearButton: textButton("Clear"),
    SubmitButton: () => null,
  },
};
