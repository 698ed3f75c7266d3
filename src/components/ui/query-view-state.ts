/**
 * Which of its states a query result is in, for <QueryView>: loading, error,
 * missing (no data, e.g. a get that found nothing), empty, or ready.
 */
import type { ReactNode } from "react";

export type TQueryLike<T> = { isLoading: boolean; error: { message: string } | null; data: T | undefined };
export type TQueryViewState = "loading" | "error" | "missing" | "empty" | "ready";

/** What <QueryView> and <QueryPanel> share: the query, what an empty result shows, and what the data renders. */
export type TQueryProps<T> = {
  query: TQueryLike<T>;
  /** Shown when the data is empty (an empty list unless `isEmpty` says otherwise). */
  empty?: ReactNode;
  isEmpty?: (data: NonNullable<T>) => boolean;
  children: (data: NonNullable<T>) => ReactNode;
};

/** Lists are empty at length 0 unless the caller says otherwise. */
export function isEmptyByDefault(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}

export function queryViewState<T>(query: TQueryLike<T>, isEmpty: (data: NonNullable<T>) => boolean = isEmptyByDefault): TQueryViewState {
  if (query.isLoading) return "loading";
  if (query.error) return "error";
  if (query.data === undefined || query.data === null) return "missing";
  return isEmpty(query.data as NonNullable<T>) ? "empty" : "ready";
}
