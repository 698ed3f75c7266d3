/**
 * A Panel whose content is one query's result: the loading line, the
 * server's error and the "nothing here" sentence sit inside the panel,
 * padded, and children(data) fills it edge to edge (a DataTable, a list).
 * `before` goes between the header and the result (e.g. a form an action
 * opened); `after` under it (e.g. a "Show all" toggle).
 */
import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { PanelNote } from "@/components/ui/PanelNote";
import { queryViewState, type TQueryProps } from "@/components/ui/query-view-state";

type TProps<T> = TQueryProps<T> & {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  className?: string;
  /** The loading line; "Loading…" by default. */
  loading?: string;
  before?: ReactNode;
  after?: ReactNode;
};

export function QueryPanel<T>({ query, loading = "Loading…", empty, isEmpty, before, after, children, ...panel }: TProps<T>) {
  const state = queryViewState(query, isEmpty);
  const showEmpty = state === "empty" && empty !== undefined;
  return (
    <Panel {...panel}>
      {before}
      {state === "loading" ? <PanelNote muted>{loading}</PanelNote> : null}
      {state === "error" || state === "missing" ? (
        <div className="p-4">
          <ErrorAlert message={query.error?.message ?? "Not found."} />
        </div>
      ) : null}
      {showEmpty ? typeof empty === "string" ? <PanelNote>{empty}</PanelNote> : empty : null}
      {state === "ready" || (state === "empty" && !showEmpty) ? children(query.data as NonNullable<T>) : null}
      {after}
    </Panel>
  );
}
