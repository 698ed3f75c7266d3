"use client";
/**
 * Type changes the destination cannot apply by itself, waiting for a
 * person: for each column, rebuild the table from scratch, keep the old
 * type and cast new values into it, or ignore the column. The connection
 * resumes by itself after the last choice. Hidden when nothing waits.
 */
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { KeyValueList } from "@/components/ui/KeyValueList";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];
type TChoice = "rebuild" | "cast" | "ignore";
type TWaiting = TConnection["streams"][number]["typeConflicts"][number] & { stream: string; cursor: string | null; primaryKey: string[] };

const CHOICES: TChoice[] = ["rebuild", "cast", "ignore"];
const CHOICE_NAME: Record<TChoice, string> = { rebuild: "Rebuild", cast: "Keep and cast", ignore: "Ignore" };

function label(choice: TChoice, fromType: string): string {
  if (choice === "rebuild") return "Rebuild the table";
  if (choice === "cast") return `Keep ${fromType} and cast`;
  return "Ignore the column";
}

const HINT: Record<TChoice, string> = {
  rebuild: "Drops the destination table and clears the stream's state: the next run reads everything again with the new type.",
  cast: "The column keeps its type; new values are cast into it, and a run fails naming the row when one does not fit.",
  ignore: "The column is no longer loaded; the destination keeps it, NULL in new rows.",
};

const COLUMNS: TDataColumn<TWaiting>[] = [
  { id: "stream", header: "Stream", className: "font-mono text-xs", cell: (w) => w.stream },
  { id: "column", header: "Column", className: "font-mono text-xs", cell: (w) => w.column },
  { id: "type", header: "Type", className: "font-mono text-xs", cell: (w) => `${w.fromType} → ${w.toType}` },
];

export function PendingTypeChanges({ connection, canEdit }: { connection: TConnection; canEdit: boolean }) {
  const utils = trpc.useUtils();
  const resolve = trpc.connection.resolveTypeChange.useMutation({
    onSuccess: async () => {
      await Promise.all([
        utils.connection.get.invalidate({ id: connection.id }),
        utils.connection.schemaChanges.invalidate({ id: connection.id }),
        utils.connection.typeMapping.invalidate({ id: connection.id }),
      ]);
    },
  });
  // Rebuilding drops the table: the first click asks, the second does it.
  const [confirming, setConfirming] = useState<string | null>(null);
  const waiting: TWaiting[] = connection.streams.flatMap((s) =>
    s.typeConflicts.map((c) => ({ stream: s.stream, cursor: s.cursorField, primaryKey: s.primaryKey, ...c })),
  );
  if (waiting.length === 0) return null;
  const choose = (w: TWaiting, choice: TChoice) => resolve.mutate({ id: connection.id, stream: w.stream, column: w.column, choice });

  const choiceColumn: TDataColumn<TWaiting> = {
    id: "choice",
    header: "Choice",
    cell: (w) => {
      const id = `${w.stream}.${w.column}`;
      const keyColumn = w.cursor === w.column || w.primaryKey.includes(w.column);
      if (confirming === id) {
        return (
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-amber-950">Drop the destination table and load everything again?</span>
            <Button variant="danger" size="sm" disabled={resolve.isPending} onClick={() => choose(w, "rebuild")} testId={`type-choice-rebuild-confirm-${id}`}>
              Drop and rebuild
            </Button>
            <Button onClick={() => setConfirming(null)}>Back</Button>
          </div>
        );
      }
      return (
        <div className="flex flex-wrap gap-2">
          {CHOICES.map((choice) => (
            <Button
              key={choice}
              variant={choice === "rebuild" ? "danger-outline" : "secondary"}
              title={keyColumn && choice === "ignore" ? "The cursor or a primary key column cannot be ignored" : HINT[choice]}
              disabled={resolve.isPending || (keyColumn && choice === "ignore")}
              onClick={() => (choice === "rebuild" ? setConfirming(id) : choose(w, choice))}
              testId={`type-choice-${choice}-${id}`}
            >
              {label(choice, w.fromType)}
            </Button>
          ))}
        </div>
      );
    },
  };

  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50" data-testid="pending-type-changes">
      <h2 className="border-b border-amber-200 px-4 py-3 font-semibold text-amber-950">Type changes waiting for a choice</h2>
      <p className="px-4 pt-3 text-sm text-amber-900">
        The destination cannot convert these columns by itself. Choose for each; the connection resumes after the last choice.
      </p>
      <DataTable
        className="mt-2"
        rows={waiting}
        columns={canEdit ? [...COLUMNS, choiceColumn] : COLUMNS}
        rowId={(w) => `${w.stream}.${w.column}`}
        rowTestId={(w) => `type-change-${w.stream}.${w.column}`}
        rowClassName="align-top"
      />
      {canEdit ? (
        <KeyValueList
          items={CHOICES.map((choice) => [CHOICE_NAME[choice], HINT[choice]] as const)}
          className="gap-x-3 gap-y-1 border-t border-amber-200 px-4 py-3 text-xs text-amber-950"
          termClassName="font-semibold"
          testId="type-choice-hints"
        />
      ) : null}
      <div className="px-4 pb-3 empty:hidden">
        <ErrorAlert message={resolve.error?.message} />
      </div>
    </section>
  );
}
