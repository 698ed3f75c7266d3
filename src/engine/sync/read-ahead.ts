/**
 * One item of read-ahead over an async iterable: while the consumer works on
 * item n (a destination loading a batch), item n+1 is already being produced
 * (the source reading the next batch), so reading and loading overlap as in
 * a pipe, with at most one extra batch in memory. Measured with
 * `npm run bench:sync`: PostgreSQL → PostgreSQL 0.65 → 0.76 of the raw
 * COPY pipe's throughput (docs/performance.md).
 */
export async function* readAhead<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  let next = iterator.next();
  let done = false;
  try {
    for (;;) {
      const current = await next;
      if (current.done) {
        done = true;
        return;
      }
      next = iterator.next();
      // Its failure surfaces at the next await; never unhandled if the consumer stops first.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // The consumer stopped early (or the source failed): let the source release what it holds.
    if (!done) await iterator.return?.().catch(() => undefined);
  }
}
