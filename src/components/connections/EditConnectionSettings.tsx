"use client";
/**
 * Edit a saved connection: its settings, and (after discovering the source
 * again) its streams, starting from the saved choices. A streaming
 * connection has topics instead, and no schedule or schema-change policy;
 * the workers restart a running or paused stream's consumers with the new
 * settings within a second of saving (src/engine/stream/stream-supervisor.ts).
 */
import { useState } from "react";
import { ConnectionSettingsFields, type TConnectionSettings } from "@/components/connections/ConnectionSettingsFields";
import { DiscoverButton, StreamChooser } from "@/components/connections/StreamChooser";
import { connectionErrors } from "@/components/connections/connection-errors";
import { toStreamInputs, toStreamingInputs } from "@/components/connections/stream-settings";
import { useStreamEditor } from "@/components/connections/use-stream-editor";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

export function EditConnectionSettings({ connection, onDone }: { connection: TConnection; onDone: () => void }) {
  const utils = trpc.useUtils();
  const streaming = connection.streaming;
  const [settings, setSettings] = useState<TConnectionSettings>({
    name: connection.name,
    namespace: connection.namespace,
    tablePrefix: connection.tablePrefix,
    schedule: streaming ? null : connection.schedule,
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
  const live = streaming && (connection.streamState === "running" || connection.streamState === "paused");
  const noun = streaming ? "topic" : "stream";

  function save() {
    if (blocked) return;
    const { name, namespace, tablePrefix } = settings;
    if (streaming) {
      update.mutate({
        id: connection.id,
        name: name.trim(),
        namespace,
        tablePrefix,
        schedule: null,
        ...(editor.loaded ? { streams: toStreamingInputs(editor.drafts) } : {}),
      });
    } else {
      update.mutate({ id: connection.id, ...settings, name: name.trim(), ...(editor.loaded ? { streams: toStreamInputs(editor.drafts) } : {}) });
    }
  }

  const idle = (
    <>
      {streaming ? "Topics" : "Streams"} stay as they are. &ldquo;Change {noun}s&rdquo; discovers the source again and lets you add
      {streaming ? " or drop topics" : ", drop or re-mode streams"}.
    </>
  );
  return (
    <div className="space-y-5 p-4" data-testid="edit-connection">
      {live ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The stream is {connection.streamState}: on save, the workers restart it with the new topics and tables within a second, from the committed offsets.
        </p>
      ) : null}
      <ConnectionSettingsFields value={settings} onChange={setSettings} errors={errors.fields} streaming={streaming} />
      <div className="border-t border-slate-100 pt-4">
        <div className="mb-2 flex items-center justify-between">
          <h3 className="text-sm font-semibold">{streaming ? "Topics" : "Streams"}</h3>
          <DiscoverButton editor={editor} sourceId={connection.source.id} label={`Change ${noun}s`} testId="edit-streams" />
        </div>
        <StreamChooser editor={editor} streaming={streaming} problems={problems} settings={settings} idle={idle} />
      </div>
      <ErrorAlert message={blocked && editor.selectedCount === 0 ? `Select at least one ${noun}.` : errors.general} testId="connection-form-error" />
      <div className="flex items-center gap-3">
        <Button variant="primary" onClick={save} disabled={blocked} pending={update.isPending} pendingLabel="Saving…" testId="save-connection">
          Save changes
        </Button>
        <Button variant="quiet" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
