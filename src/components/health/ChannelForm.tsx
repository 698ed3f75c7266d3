"use client";
/**
 * A new alert channel: a name, the kind, and the kind's configuration form
 * (rendered from its spec like a connector's; secrets never come back).
 */
import { useMemo, useState } from "react";
import { ConnectorSchemaForm } from "@/components/endpoints/ConnectorSchemaForm";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { buildConnectorForm, configToSend } from "@/components/endpoints/connector-form-model";
import { refusalMessage } from "@/components/forms/field-errors";
import { trpc } from "@/components/trpc/trpc-react";

type TKind = "webhook" | "slack" | "email";

export function ChannelForm({ onCreated }: { onCreated: () => void }) {
  const utils = trpc.useUtils();
  const kinds = trpc.alert.channelKinds.useQuery();
  const [kind, setKind] = useState<TKind>("webhook");
  const [name, setName] = useState("");
  const spec = kinds.data?.find((k) => k.kind === kind)?.spec;
  const form = useMemo(() => (spec ? buildConnectorForm(spec) : null), [spec]);
  const [data, setData] = useState<Record<string, unknown>>({});
  const create = trpc.alert.createChannel.useMutation({
    onSuccess: async () => {
      await utils.alert.channels.invalidate();
      setName("");
      setData({});
      onCreated();
    },
  });
  return (
    <Panel title="New channel" testId="channel-form" padded>
      <div className="space-y-3">
        <div className="flex flex-wrap gap-4">
          <label className="block text-sm font-medium text-slate-800" htmlFor="channel-name">
            Name
            <input
              id="channel-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. on-call Slack"
              className="mt-1 block w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              data-testid="channel-name"
            />
          </label>
          <label className="block text-sm font-medium text-slate-800" htmlFor="channel-kind">
            Kind
            <select
              id="channel-kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as TKind);
                setData({});
              }}
              className="mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              data-testid="channel-kind"
            >
              {(kinds.data ?? []).map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.title}
                </option>
              ))}
            </select>
          </label>
        </div>
        {form ? (
          <ConnectorSchemaForm
            schema={form.schema}
            uiSchema={form.uiSchema}
            formData={data}
            savedSecrets={[]}
            onChange={setData}
            onSubmit={(d) => create.mutate({ name: name.trim(), kind, config: configToSend(d, []) })}
            disabled={create.isPending}
          >
            <ErrorAlert message={refusalMessage(create.error)} testId="channel-form-error" />
            <Button type="submit" variant="primary" className="mt-2" pending={create.isPending} pendingLabel="Saving…" testId="create-channel">
              Add channel
            </Button>
          </ConnectorSchemaForm>
        ) : null}
        {kind === "email" ? <p className="text-xs text-slate-500">E-mail goes through the SMTP server the workers are given in WEIR_SMTP_URL.</p> : null}
      </div>
    </Panel>
  );
}
