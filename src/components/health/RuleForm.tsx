"use client";
/**
 * A new alert rule: what to watch (the kind and its numbers), on which
 * connections, datasets or tags (none: everything), which channels to tell
 * and how often to remind while nobody acknowledges.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { refusalMessage } from "@/components/forms/field-errors";
import { KIND_CHOICES, blankRule, ruleInputOf, toggle, type TRuleDraft } from "@/components/health/rule-form-model";
import { trpc } from "@/components/trpc/trpc-react";

const INPUT = "mt-1 block w-full max-w-md rounded-md border border-slate-300 px-3 py-1.5 text-sm";
const LABEL = "block text-sm font-medium text-slate-800";

function NumberField({ id, label, value, onChange, hint }: { id: string; label: string; value: string; onChange: (v: string) => void; hint?: string }) {
  return (
    <label className={LABEL} htmlFor={id}>
      {label}
      <input id={id} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} className={`${INPUT} max-w-32`} data-testid={id} />
      {hint ? <span className="block text-xs font-normal text-slate-500">{hint}</span> : null}
    </label>
  );
}

export function RuleForm({ onCreated }: { onCreated: () => void }) {
  const utils = trpc.useUtils();
  const [draft, setDraft] = useState<TRuleDraft>(blankRule);
  const [datasetQuery, setDatasetQuery] = useState("");
  const set = (patch: Partial<TRuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  // A checkbox that adds `id` to (or drops it from) one of the rule's lists.
  const option = (list: "connectionIds" | "channelIds", id: string, testId: string, label: ReactNode) => (
    <CheckOption key={id} checked={draft[list].includes(id)} onChange={() => set({ [list]: toggle(draft[list], id) })} testId={testId}>
      {label}
    </CheckOption>
  );
  const channels = trpc.alert.channels.useQuery();
  const connections = trpc.connection.list.useQuery();
  const datasets = trpc.catalog.search.useQuery({ q: datasetQuery, limit: 10 }, { enabled: datasetQuery.trim().length > 1 });
  const create = trpc.alert.createRule.useMutation({
    onSuccess: async () => {
      await utils.alert.rules.invalidate();
      setDraft(blankRule());
      onCreated();
    },
  });
  const kind = KIND_CHOICES.find((k) => k.kind === draft.kind)!;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(ruleInputOf(draft));
  };

  return (
    <Panel title="New rule" padded>
      <form onSubmit={submit} className="space-y-4" data-testid="rule-form" aria-label="New alert rule">
        <label className={LABEL} htmlFor="rule-name">
          Name
          <input
            id="rule-name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            className={INPUT}
            placeholder="e.g. Orders sync failed"
            data-testid="rule-name"
          />
        </label>
        <label className={LABEL} htmlFor="rule-kind">
          When
          <select
            id="rule-kind"
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value as TRuleDraft["kind"] })}
            className={INPUT}
            data-testid="rule-kind"
          >
            {KIND_CHOICES.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <span className="block text-xs font-normal text-slate-500">{kind.help}</span>
        </label>
        <div className="flex flex-wrap gap-4">
          {draft.kind === "consecutive_failures" ? (
            <NumberField id="rule-count" label="Runs in a row (N)" value={draft.count} onChange={(count) => set({ count })} />
          ) : null}
          {draft.kind === "duration_above_median" ? (
            <NumberField id="rule-factor" label="Times the median (X)" value={draft.factor} onChange={(factor) => set({ factor })} />
          ) : null}
          {draft.kind === "stream_lag" ? (
            <>
              <NumberField id="rule-messages" label="Lag above (messages, L)" value={draft.messages} onChange={(messages) => set({ messages })} />
              <NumberField id="rule-minutes" label="For more than (minutes, M)" value={draft.minutes} onChange={(minutes) => set({ minutes })} />
            </>
          ) : null}
          {draft.kind === "workers_below" ? (
            <NumberField id="rule-workers" label="Fewer than (workers, K)" value={draft.workers} onChange={(workers) => set({ workers })} />
          ) : null}
        </div>
        {draft.kind !== "workers_below" ? (
          <fieldset className="space-y-2">
            <legend className={LABEL}>Watch</legend>
            <p className="text-xs text-slate-500">Nothing chosen: every connection and dataset. Otherwise what matches any choice.</p>
            <div className="max-h-32 max-w-md overflow-auto rounded border border-slate-200 p-2" data-testid="rule-connections">
              {(connections.data ?? []).map((c) => option("connectionIds", c.id, `rule-connection-${c.name}`, c.name))}
              {connections.data?.length === 0 ? <span className="text-xs text-slate-500">No connection yet.</span> : null}
            </div>
            <label className="block text-sm text-slate-700" htmlFor="rule-dataset-search">
              Datasets
              <input
                id="rule-dataset-search"
                value={datasetQuery}
                onChange={(e) => setDatasetQuery(e.target.value)}
                placeholder="search the catalog…"
                className={INPUT}
                data-testid="rule-dataset-search"
              />
            </label>
            <ul className="max-w-md text-sm">
              {(datasets.data?.items ?? []).map((d) => (
                <li key={d.id}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={draft.datasetIds.includes(d.id)}
                      onChange={() => set({ datasetIds: toggle(draft.datasetIds, d.id) })}
                      data-testid={`rule-dataset-${d.name}`}
                    />
                    <span className="font-mono text-xs">{d.name}</span>
                  </label>
                </li>
              ))}
            </ul>
            {draft.datasetIds.length ? <p className="text-xs text-slate-600">{draft.datasetIds.length} dataset(s) chosen.</p> : null}
            <label className="block text-sm text-slate-700" htmlFor="rule-tags">
              Tags <span className="text-xs text-slate-500">(comma-separated, e.g. pii, tier1)</span>
              <input id="rule-tags" value={draft.tags} onChange={(e) => set({ tags: e.target.value })} className={INPUT} data-testid="rule-tags" />
            </label>
          </fieldset>
        ) : null}
        <fieldset>
          <legend className={LABEL}>Tell</legend>
          <div className="mt-1 flex flex-wrap gap-3" data-testid="rule-channels">
            {(channels.data ?? []).map((c) =>
              option(
                "channelIds",
                c.id,
                `rule-channel-${c.name}`,
                <>
                  {c.name} <span className="text-xs text-slate-500">({c.kind})</span>
                </>,
              ),
            )}
            {channels.data?.length === 0 ? <span className="text-sm text-amber-800">Add a channel first.</span> : null}
          </div>
        </fieldset>
        <NumberField
          id="rule-repeat"
          label="Remind every (seconds)"
          value={draft.repeatSeconds}
          onChange={(repeatSeconds) => set({ repeatSeconds })}
          hint="Empty: one message when it fires, one when it resolves. Reminders stop once acknowledged."
        />
        <ErrorAlert message={refusalMessage(create.error)} testId="rule-form-error" />
        <Button type="submit" variant="primary" pending={create.isPending} pendingLabel="Saving…" testId="create-rule">
          Create rule
        </Button>
      </form>
    </Panel>
  );
}

/** One choice of a list of checkboxes: the box, then what it chooses. */
function CheckOption({ checked, onChange, testId, children }: { checked: boolean; onChange: () => void; testId: string; children: ReactNode }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={onChange} data-testid={testId} />
      {children}
    </label>
  );
}
