"use client";
/**
 * The streams (or, for a streaming source, topics) part of designing a
 * connection, new or saved: the discover button, discover's error, and the
 * picker once discovered (`idle` before).
 */
import type { ReactNode } from "react";
import { StreamSettingsTable } from "@/components/connections/StreamSettingsTable";
import { TopicSelectionTable } from "@/components/connections/TopicSelectionTable";
import type { TStreamEditor } from "@/components/connections/stream-draft-columns";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

export function DiscoverButton({ editor, sourceId, label, testId }: { editor: TStreamEditor; sourceId: string; label: string; testId: string }) {
  return (
    <Button disabled={!sourceId} pending={editor.discovering} pendingLabel="Discovering…" onClick={() => editor.discover(sourceId)} testId={testId}>
      {editor.loaded ? "Discover again" : label}
    </Button>
  );
}

type TProps = {
  editor: TStreamEditor;
  streaming: boolean;
  problems: Record<string, string>;
  /** Where topics land (namespace and table prefix), for the topic picker's "Table" column. */
  settings: { namespace: string; tablePrefix: string };
  idle: ReactNode;
};

export function StreamChooser({ editor, streaming, problems, settings, idle }: TProps) {
  return (
    <>
      <ErrorAlert message={editor.discoverError} testId="discover-error" />
      {!editor.loaded ? (
        <p className="text-sm text-slate-600">{idle}</p>
      ) : streaming ? (
        <TopicSelectionTable editor={editor} problems={problems} namespace={settings.namespace} tablePrefix={settings.tablePrefix} />
      ) : (
        <StreamSettingsTable editor={editor} problems={problems} />
      )}
    </>
  );
}
