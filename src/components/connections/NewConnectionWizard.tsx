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
import { StreamSettingsTable } from "@/components/connections/StreamSettingsTable";
import { TopicSelectionTable } from "@/components/connections/TopicSelectionTable";
import { connectionErrors } from "@/components/connections/connection-errors";
import { toStreamInputs, toStreamingInputs } from "@/components/connections/stream-settings";
import { useStreamEditor } from "@/components/connections/use-stream-editor";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc } from "@/components/trpc/trpc-react";

const SELECT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const STEP = "rounded-lg border border-slate-200 bg-white p-5";

export function NewConnectionWizard() {
  const router = useRouter();
  const utils = trpc.useUtils();
  const sources = trpc.source.list.useQuery();
  const destinations = trpc.destination.list.useQuery();
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

  if (sources.isLoading || destinations.isLoading) return <p className="text-sm text-slate-500">Loading sources and destinations…</p>;
  const loadError = sources.error ?? destinations.error;
  if (loadError) return <ErrorAlert message={loadError.message} />;
  if (!sources.data?.length || !destinations.data?.length) {
    return (
      <div
        className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600"
        data-testid="wizard-missing-endpoints"
      >
        A connection joins a source to a destination.{" "}
        {!sources.data?.length ? (
          <Link href="/sources/new" className="font-medium text-slate-900 underline">
            Add a source
          </Link>
        ) : null}
        {!sources.data?.length && !destinations.data?.length ? " and " : null}
        {!destinations.data?.length ? (
          <Link href="/destinations/new" className="font-medium text-slate-900 underline">
            add a destination
          </Link>
        ) : null}{" "}
        first.
      </div>
    );
  }

  const source = sources.data.find((s) => s.id === sourceId);
  const sourceName = source?.name;
  const streaming = source?.streaming ?? false;
  const noun = streaming ? (editor.selectedCount === 1 ? "topic" : "topics") : "streams";
  const destinationName = destinations.data.find((d) => d.id === destinationId)?.name;
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

  return (
    <div className="max-w-5xl space-y-5" data-testid="connection-wizard">
      <section className={STEP}>
        <h2 className="mb-3 font-semibold">1. Source and destination</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="text-sm font-medium">
            Source
            <select value={sourceId} onChange={(e) => pickSource(e.target.value)} className={SELECT} data-testid="wizard-source">
              <option value="">— pick a source —</option>
              {sources.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.connectorTitle})
                </option>
              ))}
            </select>
            {errors.fields.sourceId ? <span className="text-xs text-red-700">{errors.fields.sourceId}</span> : null}
          </label>
          <label className="text-sm font-medium">
            Destination
            <select value={destinationId} onChange={(e) => setDestinationId(e.target.value)} className={SELECT} data-testid="wizard-destination">
              <option value="">— pick a destination —</option>
              {destinations.data.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.connectorTitle})
                </option>
              ))}
            </select>
            {errors.fields.destinationId ? <span className="text-xs text-red-700">{errors.fields.destinationId}</span> : null}
          </label>
        </div>
      </section>

      <section className={STEP}>
        <div className="mb-3 flex items-center justify-between">
          <h2 className="font-semibold">2. {streaming ? "Topics" : "Streams"}</h2>
          <button
            type="button"
            disabled={!sourceId || editor.discovering}
            onClick={() => editor.discover(sourceId)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
            data-testid="wizard-discover"
          >
            {editor.discovering ? "Discovering…" : editor.loaded ? "Discover again" : `Discover ${streaming ? "topics" : "streams"}`}
          </button>
        </div>
        <ErrorAlert message={editor.discoverError} testId="discover-error" />
        {editor.loaded && streaming ? (
          <TopicSelectionTable
            streams={editor.streams}
            drafts={editor.drafts}
            problems={problems}
            onChange={editor.setDrafts}
            namespace={settings.namespace}
            tablePrefix={settings.tablePrefix}
          />
        ) : editor.loaded ? (
          <StreamSettingsTable streams={editor.streams} drafts={editor.drafts} problems={problems} onChange={editor.setDrafts} />
        ) : (
          <p className="text-sm text-slate-600">
            {!sourceId
              ? "Pick a source first."
              : streaming
                ? "Discover the source's topics to choose which to stream."
                : "Discover the source's streams to choose which to sync and how."}
          </p>
        )}
        {errors.fields.streams ? <p className="mt-2 text-xs text-red-700">{errors.fields.streams}</p> : null}
      </section>

      <section className={STEP}>
        <h2 className="mb-3 font-semibold">{streaming ? "3. Destination tables" : "3. Destination tables and schedule"}</h2>
        <ConnectionSettingsFields value={settings} onChange={setSettings} errors={errors.fields} namePlaceholder={suggestedName} streaming={streaming} />
      </section>

      <div className="space-y-3">
        <ErrorAlert message={tried && Object.keys(editor.problems).length ? "Fix the streams marked above." : errors.general} testId="connection-form-error" />
        <div className="flex items-center gap-3">
          <button
            type="button"
            onClick={submit}
            disabled={!sourceId || !destinationId || !editor.loaded || editor.selectedCount === 0 || create.isPending}
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
            data-testid="create-connection"
          >
            {create.isPending ? "Creating…" : `Create connection${editor.loaded ? ` (${editor.selectedCount} ${noun})` : ""}`}
          </button>
          <Link href="/connections" className="text-sm text-slate-600 hover:text-slate-900">
            Cancel
          </Link>
        </div>
      </div>
    </div>
  );
}
