/**
 * Renders a tRPC (react-query) result: a loading line, the server's error
 * as an ErrorAlert, `missing` when there is no data, `empty` when the data
 * is empty (an empty list unless `isEmpty` says otherwise), else
 * children(data). `errorFooter` (e.g. a back link) goes under an error.
 */
import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { queryViewState, type TQueryProps } from "@/components/ui/query-view-state";

type TProps<T> = TQueryProps<T> & { loading?: ReactNode; missing?: string; errorFooter?: ReactNode };

export function QueryView<T>({ query, loading = "Loading…", empty, isEmpty, missing = "Not found.", errorFooter, children }: TProps<T>) {
  const state = queryViewState(query, isEmpty);
  if (state === "loading") return typeof loading === "string" ? <p className="text-sm text-slate-500">{loading}</p> : loading;
  if (state === "error" || state === "missing") {
    const alert = <ErrorAlert message={query.error?.message ?? missing} />;
    return errorFooter ? (
      <div className="space-y-3">
        {alert}
        {errorFooter}
      </div>
    ) : (
      alert
    );
  }
  const data = query.data as NonNullable<T>;
  if (state === "empty" && empty !== undefined) return empty;
  return children(data);
}
