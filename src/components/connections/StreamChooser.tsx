"use client";
/**
 * The streams (or, for a streaming source, topics) part of designing a
 * connection, new or saved: the discover button, discover's error, and the
 * picker once discovered (`idle` before).
 */
import type { ReactNode } from "react";
import { StreamSettingsTable } from "@/components/connections/StreamSettingsTable";
import { TopicSelectionTable } from "@/components/connections/TopicSelectionTable";
import type { useStreamEditor } from "@/components/connections/use-stream-editor";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";

type TEditor = ReturnType<typeof useStreamEditor>;

export function DiscoverButton({ editor, sourceId, label, testId }: { editor: TEditor; sourceId: string; label: string; testId: string }) {
  return (
    <Button disabled={!sourceId} pending={editor.discovering} pendingLabel="Discovering…" onClick={() => editor.discover(sourceId)} testId={testId}>
      {editor.loaded ? "Discover again" : label}
    </Button>
  );
}

type TProps = {
  editor: TEditor;
  streaming: boolean;
  problems: Record<string, string>;
  /** Where topics land, for the topic picker's "Table" column. */
  namespace: string;
  tablePrefix: string;
  idle: ReactNode;
};

export function StreamChooser({ editor, streaming, problems, namespace, tablePrefix, idle }: TProps) {
  return (
    <>
      <ErrorAlert message={editor.discoverError} testId="discover-error" />
      {!editor.loaded ? (
        <p className="text-sm text-slate-600">{idle}</p>
      ) : streaming ? (
        <TopicSelectionTable
          streams={editor.streams}
          drafts={editor.drafts}
          problems={problems}
          onChange={editor.setDrafts}
          namespace={namespace}
          tablePrefix={tablePrefix}
        />
      ) : (
        <StreamSettingsTable streams={editor.streams} drafts={editor.drafts} problems={problems} onChange={editor.setDrafts} />
      )}
    </>
  );
}
