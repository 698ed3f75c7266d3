"use client";
/**
 * Alerting: channels (test, turn off, delete), rules (what they watch, what
 * is firing, turn off, delete) and the history of alerts with every
 * delivery and try. Viewers read; engineers change.
 */
import { useState } from "react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
import { AlertHistory } from "@/components/health/AlertHistory";
import { ChannelForm } from "@/components/health/ChannelForm";
import { OnOffDeleteButtons } from "@/components/health/OnOffDeleteButtons";
import { RuleForm } from "@/components/health/RuleForm";
import { trpc } from "@/components/trpc/trpc-react";

export function AlertSettings({ canEdit }: { canEdit: boolean }) {
  const utils = trpc.useUtils();
  const channels = trpc.alert.channels.useQuery();
  const rules = trpc.alert.rules.useQuery(undefined, { refetchInterval: 10_000 });
  const [tested, setTested] = useState<Record<string, string>>({});
  const refresh = () => void Promise.all([utils.alert.channels.invalidate(), utils.alert.rules.invalidate()]);
  const test = trpc.alert.testChannel.useMutation({ onSuccess: (r, v) => setTested((t) => ({ ...t, [v.id]: `${r.ok ? "✓" : "✗"} ${r.message}` })) });
  const updateChannel = trpc.alert.updateChannel.useMutation({ onSuccess: refresh });
  const deleteChannel = trpc.alert.deleteChannel.useMutation({ onSuccess: refresh });
  const updateRule = trpc.alert.updateRule.useMutation({ onSuccess: refresh });
  const deleteRule = trpc.alert.deleteRule.useMutation({ onSuccess: refresh });
  const error = [updateChannel.error, deleteChannel.error, updateRule.error, deleteRule.error, test.error].find(Boolean)?.message ?? null;
  const names = new Map((channels.data ?? []).map((c) => [c.id, c.name]));

  return (
    <div className="space-y-6">
      <ErrorAlert message={error} />
      <QueryPanel query={channels} title="Channels" testId="channels" empty={<PanelNote>No channel yet: alerts need somewhere to go.</PanelNote>}>
        {(list) => (
          <ul className="divide-y divide-slate-100">
            {list.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm" data-testid="channel" data-name={c.name}>
                <span className="font-medium">{c.name}</span>
                <span className="text-xs text-slate-500">
                  {c.kind}
                  {c.enabled ? "" : " · off"}
                </span>
                {tested[c.id] ? (
                  <span className="text-xs text-slate-700" data-testid="channel-test-result">
                    {tested[c.id]}
                  </span>
                ) : null}
                {canEdit ? (
                  <OnOffDeleteButtons
                    className="ml-auto flex gap-1.5"
                    enabled={c.enabled}
                    onToggle={() => updateChannel.mutate({ id: c.id, enabled: !c.enabled })}
                    confirm={`Delete channel "${c.name}"?`}
                    onDelete={() => deleteChannel.mutate({ id: c.id })}
                  >
                    <Button size="xs" onClick={() => test.mutate({ id: c.id })} disabled={test.isPending} testId="test-channel">
                      Send test
                    </Button>
                  </OnOffDeleteButtons>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryPanel>
      {canEdit ? <ChannelForm onCreated={refresh} /> : null}
      <QueryPanel query={rules} title="Rules" testId="rules" empty={<PanelNote>No rule yet.</PanelNote>}>
        {(list) => (
          <ul className="divide-y divide-slate-100">
            {list.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start gap-3 px-4 py-2 text-sm" data-testid="rule" data-name={r.name}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {r.name}{" "}
                    {r.firing ? (
                      <Badge tone="danger" className="ml-1">
                        {r.firing} firing
                      </Badge>
                    ) : null}
                    {r.enabled ? null : <span className="ml-1 text-xs text-slate-500">off</span>}
                  </p>
                  <p className="text-xs text-slate-600">
                    When {r.description}
                    {r.scope.connectionIds.length || r.scope.datasetIds.length || r.scope.tags.length
                      ? ` · on ${r.scope.connectionIds.length} connection(s), ${r.scope.datasetIds.length} dataset(s)${r.scope.tags.length ? `, tags ${r.scope.tags.join(", ")}` : ""}`
                      : " · on everything"}
                    {" · tells "}
                    {r.channelIds.map((id) => names.get(id) ?? "a deleted channel").join(", ") || "nobody"}
                    {r.repeatSeconds ? ` · reminds every ${r.repeatSeconds} s` : ""}
                  </p>
                </div>
                {canEdit ? (
                  <OnOffDeleteButtons
                    enabled={r.enabled}
                    onToggle={() => updateRule.mutate({ id: r.id, enabled: !r.enabled })}
                    confirm={`Delete rule "${r.name}" and its alerts?`}
                    onDelete={() => deleteRule.mutate({ id: r.id })}
                    deleteTestId="delete-rule"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryPanel>
      {canEdit ? <RuleForm onCreated={refresh} /> : null}
      <AlertHistory />
    </div>
  );
}
