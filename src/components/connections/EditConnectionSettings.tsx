"use client";
/**
 * Edit a saved connection: its settings, and (after discovering the source
 * again) its streams, starting from the saved choices.
 */
import { useState } from "react";
import { ConnectionSettingsFields, type TConnectionSettings } from "@/components/connections/ConnectionSettingsFields";
import { StreamSettingsTable } from "@/components/connections/StreamSettingsTable";
import { connectionErrors } from "@/components/connections/connection-errors";
import { toStreamInputs } from "@/components/connections/stream-settings";
import { useStreamEditor } from "@/components/connections/use-stream-editor";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

export function EditConnectionSettings({ connection, onDone }: { connection: TConnection; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [settings, setSettings] = useState<TConnectionSettings>({
    name: connection.name,
    namespace: connection.namespace,
    tablePrefix: connection.tablePrefix,
    schedule: connection.schedule,
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

  function save() {
    if (blocked) return;
    update.mutate({ id: connection.id, ...settings, name: settings.name.trim(), ...(editor.loaded ? { streams: toStreamInputs(editor.drafts) } : {}) });
  }

  return (
    <div className="space-y-5 p-4" data-testid="edit-connection">
      <ConnectionSettingsFields value={settings} onChange={setSettings} errors={errors.fields} />
      <div className="border-t border-slate-100 pt-4">
        <div className="mb-2 flex items-center justify-between">
          <h3 className="text-sm font-semibold">Streams</h3>
          <button
            type="button"
            onClick={() => editor.discover(connection.source.id)}
            disabled={editor.discovering}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
            data-testid="edit-streams"
          >
            {editor.discovering ? "Discovering…" : editor.loaded ? "Discover again" : "Change streams"}
          </button>
        </div>
        <ErrorAlert message={editor.discoverError} testId="discover-error" />
        {editor.loaded ? (
          <StreamSettingsTable streams={editor.streams} drafts={editor.drafts} problems={problems} onChange={editor.setDrafts} />
        ) : (
          <p className="text-sm text-slate-600">
            Streams stay as they are. &ldquo;Change streams&rdquo; discovers the source again and lets you add, drop or re-mode streams.
          </p>
        )}
      </div>
      <ErrorAlert message={blocked && editor.selectedCount === 0 ? "Select at least one stream." : errors.general} testId="connection-form-error" />
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
