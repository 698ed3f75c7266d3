"use client";
/**
 * A connector's configuration form, rendered by react-jsonschema-form from
 * the connector's JSON Schema spec and validated in the browser with ajv.
 * Secret fields use SecretWidget; errors from the server come in as
 * extraErrors and appear beside their fields. Children (the action buttons)
 * render inside the form, so Enter submits.
 */
import Form from "@rjsf/core";
import type { ErrorSchema, ErrorTransformer, RJSFSchema, UiSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { useMemo, type ReactNode } from "react";
import { SecretWidget, type TSecretFormContext } from "@/components/endpoints/SecretWidget";
import { fieldId, type TFieldPath } from "@/components/endpoints/connector-form-model";
import { WEIR_RJSF_TEMPLATES } from "@/components/endpoints/rjsf-templates";

const WIDGETS = { SecretWidget };

/**
 * ajv says "must have required property 'Host'" under the Host field, and
 * "must be string" under an empty item of a list (a new broker or topic);
 * say both plainly.
 */
const isEmptyListItem = (e: { name?: string; params?: { type?: unknown }; property?: string }) =>
  e.name === "type" && e.params?.type === "string" && /\.\d+$/.test(e.property ?? "");
const transformErrors: ErrorTransformer = (errors) => errors.map((e) => (e.name === "required" || isEmptyListItem(e) ? { ...e, message: "Required." } : e));

/** rjsf's core theme emits Bootstrap class names; these give them Weir's look. */
const LOOK = [
  "[&_.form-control]:block [&_.form-control]:w-full [&_.form-control]:max-w-xl [&_.form-control]:rounded-md [&_.form-control]:border [&_.form-control]:border-slate-300",
  "[&_.form-control]:bg-white [&_.form-control]:px-3 [&_.form-control]:py-2 [&_.form-control]:text-sm [&_.form-control:focus]:border-slate-500 [&_.form-control:focus]:outline-none",
  "[&_fieldset_fieldset]:rounded-md [&_fieldset_fieldset]:border [&_fieldset_fieldset]:border-slate-200 [&_fieldset_fieldset]:p-3",
  "[&_legend]:mb-2 [&_legend]:text-sm [&_legend]:font-semibold [&_legend]:text-slate-800",
  "[&_.checkbox_label]:flex [&_.checkbox_label]:items-center [&_.checkbox_label]:gap-2 [&_.checkbox_label]:text-sm",
  "[&_.rjsf-array-item]:mb-2 [&_.rjsf-array-item]:gap-2 [&_.rjsf-array-item>div:first-child]:flex-1 [&_.btn-group]:gap-1",
  "[&_.field-description]:text-xs [&_.field-description]:text-slate-500",
].join(" ");

type TProps = {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  formData: Record<string, unknown>;
  /** Secrets the saved configuration has; their inputs say "set — leave empty to keep". */
  savedSecrets: TFieldPath[];
  onChange: (data: Record<string, unknown>) => void;
  onSubmit: (data: Record<string, unknown>) => void;
  extraErrors?: ErrorSchema;
  disabled?: boolean;
  children: ReactNode;
};

export function ConnectorSchemaForm({ schema, uiSchema, formData, savedSecrets, onChange, onSubmit, extraErrors, disabled, children }: TProps) {
  const formContext = useMemo<TSecretFormContext>(() => ({ savedSecretIds: new Set(savedSecrets.map(fieldId)) }), [savedSecrets]);
  return (
    <Form
      className={LOOK}
      schema={schema}
      uiSchema={uiSchema}
      formData={formData}
      formContext={formContext}
      validator={validator}
      widgets={WIDGETS}
      templates={WEIR_RJSF_TEMPLATES}
      extraErrors={extraErrors}
      showErrorList={false}
      transformErrors={transformErrors}
      onError={() => undefined /* shown beside each field */}
      noHtml5Validate
      disabled={disabled}
      onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)}
      onSubmit={(e) => onSubmit((e.formData ?? {}) as Record<string, unknown>)}
    >
      {children}
    </Form>
  );
}
