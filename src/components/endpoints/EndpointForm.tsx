"use client";
/**
 * Create or edit a source or destination: a name, the connector's form
 * (rendered by rjsf from its spec), "Test connection" on the draft, and Save.
 * Errors from the server appear beside the fields they name.
 */
import { useMemo, useState } from "react";
import { CheckResult } from "@/components/endpoints/CheckResult";
import { ConnectorSchemaForm } from "@/components/endpoints/ConnectorSchemaForm";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { buildConnectorForm, configToSend } from "@/components/endpoints/connector-form-model";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { endpointFormErrors } from "@/components/endpoints/use-endpoint-form-errors";
import { useEndpointApi } from "@/components/endpoints/use-endpoint-api";

export type TConnectorInfo = { name: string; title: string; spec: Record<string, unknown> };

type TProps = {
  kind: TEndpointKind;
  connector: TConnectorInfo;
  /** The saved endpoint when editing (config masked, secrets as { $secretSet: true }). */
  existing?: { id: string; name: string; config: Record<string, unknown> };
  onSaved: (id: string) => void;
  onCancel: () => void;
};

export function EndpointForm({ kind, connector, existing, onSaved, onCancel }: TProps) {
  const info = ENDPOINT_KINDS[kind];
  const { api, cache } = useEndpointApi(kind);
  const form = useMemo(() => buildConnectorForm(connector.spec, existing?.config), [connector.spec, existing?.config]);
  const [name, setName] = useState(existing?.name ?? "");
  const [formData, setFormData] = useState<Record<string, unknown>>(form.formData);

  const onDone = async (saved: { id: string }) => {
    await Promise.all([cache.list.invalidate(), cache.get.invalidate({ id: saved.id })]);
    onSaved(saved.id);
  };
  const create = api.create.useMutation({ onSuccess: onDone });
  const update = api.update.useMutation({ onSuccess: onDone });
  const check = api.checkDraft.useMutation();
  const save = existing ? update : create;
  const errors = endpointFormErrors(save.error ?? check.error, form.schema);

  function submit(data: Record<string, unknown>) {
    const config = configToSend(data, form.savedSecrets);
    check.reset();
    if (existing) update.mutate({ id: existing.id, name: name.trim(), config });
    else create.mutate({ name: name.trim(), connector: connector.name, config });
  }

  function test() {
    save.reset();
    check.mutate({ id: existing?.id, connector: connector.name, config: configToSend(formData, form.savedSecrets) });
  }

  return (
    <section
      className="max-w-3xl rounded-lg border border-slate-200 bg-white p-5"
      data-testid="endpoint-form"
      aria-label={`${connector.title} ${info.singular}`}
    >
      <h2 className="mb-4 font-semibold">{existing ? `Edit ${existing.name}` : `New ${connector.title} ${info.singular}`}</h2>
      <div className="mb-4">
        <label htmlFor="endpoint-name" className="block text-sm font-medium text-slate-800">
          Name<span className="ml-0.5 text-red-600">*</span>
        </label>
        <input
          id="endpoint-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={kind === "source" ? "e.g. Production orders DB" : "e.g. Analytics warehouse"}
          className="mt-1 block w-full max-w-xl rounded-md border border-slate-300 px-3 py-2 text-sm"
          data-testid="endpoint-name"
        />
        {errors.name ? (
          <p className="mt-1 text-xs text-red-700" data-testid="field-error">
            {errors.name}
          </p>
        ) : null}
      </div>
      <ConnectorSchemaForm
        schema={form.schema}
        uiSchema={form.uiSchema}
        formData={formData}
        savedSecrets={form.savedSecrets}
        onChange={setFormData}
        onSubmit={submit}
        extraErrors={errors.config}
        disabled={save.isPending}
      >
        <div className="mt-2 space-y-3 border-t border-slate-100 pt-4">
          <ErrorAlert message={errors.general} testId="endpoint-form-error" />
          <CheckResult result={check.data} pending={check.isPending} />
          <div className="flex items-center gap-3">
            <Button size="md" onClick={test} disabled={check.isPending} testId="test-connection">
              Test connection
            </Button>
            <Button variant="primary" type="submit" pending={save.isPending} pendingLabel="Saving…" testId="save-endpoint">
              {existing ? "Save changes" : `Save ${info.singular}`}
            </Button>
            <Button variant="quiet" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </div>
      </ConnectorSchemaForm>
    </section>
  );
}
