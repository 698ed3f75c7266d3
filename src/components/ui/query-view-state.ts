/**
 * Which of its states a query result is in, for <QueryView>: loading, error,
 * missing (no data, e.g. a get that found nothing), empty, or ready.
 */
export type TQueryLike<T> = { isLoading: boolean; error: { message: string } | null; data: T | undefined };
export type TQueryViewState = "loading" | "error" | "missing" | "empty" | "ready";

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
