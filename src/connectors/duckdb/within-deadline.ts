/**
 * Waits for an operation that cannot itself be stopped (opening a database
 * file: a file-system call or DuckDB's open, in threads JavaScript cannot
 * interrupt) for a bounded time, and no longer than the caller's signal
 * allows, so a run can be cancelled while it opens and a hung file system
 * ends in an error instead of a run that never finishes. What the operation
 * yields after the wait was given up is handed to `late`, to be closed.
 */

export type TDeadline<T> = {
  ms: number;
  signal?: AbortSignal;
  /** The error when `ms` pass first. */
  timedOut(): Error;
  /** Receives the operation's result when it arrives after the wait ended. */
  late(value: T): void;
};

/** `work`'s outcome, or the signal's reason when it aborts first, or `timedOut()` when `ms` pass first. */
export function withinDeadline<T>(work: Promise<T>, deadline: TDeadline<T>): Promise<T> {
  const { signal } = deadline;
  return new Promise<T>((resolve, reject) => {
    let waiting = true;
    const stop = () => {
      waiting = false;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      if (!waiting) return;
      stop();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      if (!waiting) return;
      stop();
      reject(deadline.timedOut());
    }, deadline.ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    work.then(
      (value) => {
        if (!waiting) return deadline.late(value);
        stop();
        resolve(value);
      },
      (e: unknown) => {
        if (!waiting) return;
        stop();
        reject(e);
      },
    );
  });
}
