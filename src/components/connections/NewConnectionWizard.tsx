"use client";
/**
 * Design a new connection: pick a source and a destination, discover the
 * source's streams, choose streams and how each syncs, then the destination
 * schema, schedule and schema-change policy. A streaming source (Kafka) has
 * topics to pick and nothing else: no sync modes and no schedule. Problems
 * show in place, from the browser's checks first and from the server after.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConnectionSettingsFields, DEFAULT_SETTINGS } from "@/components/connections/ConnectionSettingsFields";
import { DiscoverButton, StreamChooser } from "@/components/connections/StreamChooser";
import { connectionErrors } from "@/components/connections/connection-errors";
import { toStreamInputs, toStreamingInputs } from "@/components/connections/stream-settings";
import { useStreamEditor } from "@/components/connections/use-stream-editor";
import { Button } from "@/components/ui/Button";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TEndpointOption = { id: string; name: string; connectorTitle: string };
type TSource = RouterOutputs["source"]["list"][number];
type TDestination = RouterOutputs["destination"]["list"][number];

function EndpointSelect({
  label,
  options,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  options: TEndpointOption[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
  testId: string;
}) {
  return (
    <FormField label={label} error={error}>
      <Select
        value={value}
        onChange={onChange}
        options={options.map((o) => ({ value: o.id, label: `${o.name} (${o.connectorTitle})` }))}
        placeholder={`— pick a ${label.toLowerCase()} —`}
        testId={testId}
      />
    </FormField>
  );
}

function MissingEndpoints({ noSource, noDestination }: { noSource: boolean; noDestination: boolean }) {
  return (
    <EmptyState title="Nothing to connect yet" testId="wizard-missing-endpoints">
      A connection joins a source to a destination.{" "}
      {noSource ? (
        <Link href="/sources/new" className="font-medium text-slate-900 underline">
          Add a source
        </Link>
      ) : null}
      {noSource && noDestination ? " and " : null}
      {noDestination ? (
        <Link href="/destinations/new" className="font-medium text-slate-900 underline">
          add a destination
        </Link>
      ) : null}{" "}
      first.
    </EmptyState>
  );
}

export function NewConnectionWizard() {
  const sources = trpc.source.list.useQuery();
  const destinations = trpc.destination.list.useQuery();
  const both = {
    isLoading: sources.isLoading || destinations.isLoading,
    error: sources.error ?? destinations.error,
    data: sources.data && destinations.data ? { sources: sources.data, destinations: destinations.data } : undefined,
  };
  return (
    <QueryView
      query={both}
      loading="Loading sources and destinations…"
      isEmpty={(d) => !d.sources.length || !d.destinations.length}
      empty={<MissingEndpoints noSource={!sources.data?.length} noDestination={!destinations.data?.length} />}
    >
      {(d) => <WizardSteps sources={d.sources} destinations={d.destinations} />}
    </QueryView>
  );
}

function WizardSteps({ sources, destinations }: { sources: TSource[]; destinations: TDestination[] }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [sourceId, setSourceId] = useState("");
  const [destinationId, setDestinationId] = useState("");
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const editor = useStreamEditor();
  const [tried, setTried] = useState(false);
  const create = trpc.connection.create.useMutation({
    onSuccess: async (c) => {
      await utils.connection.list.invalidate();
      router.push(`/connections/${c.id}`);
    },
  });
  const errors = connectionErrors(
    create.error,
    editor.drafts.map((d) => d.stream),
  );
  const problems = { ...editor.problems, ...errors.streams };

  const source = sources.find((s) => s.id === sourceId);
  const sourceName = source?.name;
  const streaming = source?.streaming ?? false;
  const noun = streaming ? (editor.selectedCount === 1 ? "topic" : "topics") : "streams";
  const destinationName = destinations.find((d) => d.id === destinationId)?.name;
  const suggestedName = sourceName && destinationName ? `${sourceName} → ${destinationName}` : undefined;

  function pickSource(id: string) {
    setSourceId(id);
    editor.reset();
  }

  function submit() {
    setTried(true);
    if (Object.keys(editor.problems).length || editor.selectedCount === 0) return;
    const name = settings.name.trim() || suggestedName || "";
    if (streaming) create.mutate({ ...settings, name, schedule: null, sourceId, destinationId, streams: toStreamingInputs(editor.drafts) });
    else create.mutate({ ...settings, name, sourceId, destinationId, streams: toStreamInputs(editor.drafts) });
  }

  const idle = !sourceId
    ? "Pick a source first."
    : streaming
      ? "Discover the source's topics to choose which to stream."
      : "Discover the source's streams to choose which to sync and how.";
  return (
    <div className="max-w-5xl space-y-5" data-testid="connection-wizard">
      <Panel title="1. Source and destination" padded>
        <div className="grid gap-4 sm:grid-cols-2">
          <EndpointSelect label="Source" options={sources} value={sourceId} onChange={pickSource} error={errors.fields.sourceId} testId="wizard-source" />
          <EndpointSelect
            label="Destination"
            options={destinations}
            value={destinationId}
            onChange={setDestinationId}
            error={errors.fields.destinationId}
            testId="wizard-destination"
          />
        </div>
      </Panel>

      <Panel
        title={`2. ${streaming ? "Topics" : "Streams"}`}
        actions={<DiscoverButton editor={editor} sourceId={sourceId} label={`Discover ${streaming ? "topics" : "streams"}`} testId="wizard-discover" />}
        padded
      >
        <StreamChooser editor={editor} streaming={streaming} problems={problems} settings={settings} idle={idle} />
        {errors.fields.streams ? <p className="mt-2 text-xs text-red-700">{errors.fields.streams}</p> : null}
      </Panel>

      <Panel title={streaming ? "3. Destination tables" : "3. Destination tables and schedule"} padded>
        <ConnectionSettingsFields value={settings} onChange={setSettings} errors={errors.fields} namePlaceholder={suggestedName} streaming={streaming} />
      </Panel>

      <div className="space-y-3">
        <ErrorAlert message={tried && Object.keys(editor.problems).length ? "Fix the streams marked above." : errors.general} testId="connection-form-error" />
        <div className="flex items-center gap-3">
          <Button
            variant="primary"
            onClick={submit}
            disabled={!sourceId || !destinationId || !editor.loaded || editor.selectedCount === 0}
            pending={create.isPending}
            pendingLabel="Creating…"
            testId="create-connection"
          >
            {`Create connection${editor.loaded ? ` (${editor.selectedCount} ${noun})` : ""}`}
          </Button>
          <Link href="/connections" className={buttonClass("quiet")}>
            Cancel
          </Link>
        </div>
      </div>
    </div>
  );
}
