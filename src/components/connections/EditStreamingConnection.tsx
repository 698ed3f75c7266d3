"use client";
/**
 * Edit a saved streaming connection: name, destination schema and table
 * prefix, and (after discovering the source again) which topics it reads.
 * The workers restart a running or paused stream's consumers with the new
 * settings within a second of saving (src/engine/stream/stream-supervisor.ts).
 */
import { useState } from "react";
import { ConnectionSettingsFields, type TConnectionSettings } from "@/components/connections/ConnectionSettingsFields";
import { TopicSelectionTable } from "@/components/connections/TopicSelectionTable";
import { connectionErrors } from "@/components/connections/connection-errors";
import { toStreamingInputs } from "@/components/connections/stream-settings";
import { useStreamEditor } from "@/components/connections/use-stream-editor";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

export function EditStreamingConnection({ connection, onDone }: { connection: TConnection; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [settings, setSettings] = useState<TConnectionSettings>({
    name: connection.name,
    namespace: connection.namespace,
    tablePrefix: connection.tablePrefix,
    schedule: null,
    schemaChangePolicy: connection.schemaChangePolicy,
  });
  const editor = useStreamEditor(connection.streams);
  const update = trpc.connection.update.useMutation({
    onSuccess: async (saved) => {
      utils.connection.get.setData({ id: saved.id }, saved);
      await utils.connection.list.invalidate();
      onDone();
    },
  });
  const errors = connectionErrors(
    update.error,
    editor.drafts.map((d) => d.stream),
  );
  const problems = { ...editor.problems, ...errors.streams };
  const blocked = editor.loaded && (Object.keys(editor.problems).length > 0 || editor.selectedCount === 0);
  const live = connection.streamState === "running" || connection.streamState === "paused";

  function save() {
    if (blocked) return;
    const { name, namespace, tablePrefix } = settings;
    update.mutate({
      id: connection.id,
      name: name.trim(),
      namespace,
      tablePrefix,
      schedule: null,
      ...(editor.loaded ? { streams: toStreamingInputs(editor.drafts) } : {}),
    });
  }

  return (
    <div className="space-y-5 p-4" data-testid="edit-connection">
      {live ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The stream is {connection.streamState}: on save, the workers restart it with the new topics and tables within a second, from the committed offsets.
        </p>
      ) : null}
      <ConnectionSettingsFields value={settings} onChange={setSettings} errors={errors.fields} streaming />
      <div className="border-t border-slate-100 pt-4">
        <div className="mb-2 flex items-center justify-between">
          <h3 className="text-sm font-semibold">Topics</h3>
          <button
            type="button"
            onClick={() => editor.discover(connection.source.id)}
            disabled={editor.discovering}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
            data-testid="edit-streams"
          >
            {editor.discovering ? "Discovering…" : editor.loaded ? "Discover again" : "Change topics"}
          </button>
        </div>
        <ErrorAlert message={editor.discoverError} testId="discover-error" />
        {editor.loaded ? (
          <TopicSelectionTable
            streams={editor.streams}
            drafts={editor.drafts}
            problems={problems}
            onChange={editor.setDrafts}
            namespace={settings.namespace}
            tablePrefix={settings.tablePrefix}
          />
        ) : (
          <p className="text-sm text-slate-600">
            Topics stay as they are. &ldquo;Change topics&rdquo; discovers the source again and lets you add or drop topics.
          </p>
        )}
      </div>
      <ErrorAlert message={blocked && editor.selectedCount === 0 ? "Select at least one topic." : errors.general} testId="connection-form-error" />
      <div className="flex items-center gap-3">
        <button
          type="button"
          onClick={save}
          disabled={update.isPending || blocked}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
          data-testid="save-connection"
        >
          {update.isPending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" onClick={onDone} className="text-sm text-slate-600 hover:text-slate-900">
          Cancel
        </button>
      </div>
    </div>
  );
}
