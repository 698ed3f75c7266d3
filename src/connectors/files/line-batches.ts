/**
 * Cuts a stream of CSV bytes into batches of complete records, each closing
 * when it reaches maxRows records or maxBytes bytes (soft: a batch ends at
 * the record that crosses the bound). Quote-aware: a newline inside a quoted
 * field does not end a record. Holds at most one batch plus one chunk.
 */
import { AppError } from "@/lib/app-error";

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export type TLineBatch = { csv: Buffer; rows: number };
export type TBatchLimits = { maxRows: number; maxBytes: number };

export async function* batchCsvRecords(chunks: AsyncIterable<Buffer>, limits: TBatchLimits): AsyncGenerator<TLineBatch> {
  const maxRows = Math.max(1, limits.maxRows);
  const maxBytes = Math.max(1, limits.maxBytes);
  /** Bytes read but not yet emitted, from earlier chunks: whole records of the open batch, then maybe a partial one. */
  let held: Buffer[] = [];
  let heldBytes = 0;
  let rows = 0;
  let inQuotes = false;

  for await (const chunk of chunks) {
    let start = 0; // first byte of `chunk` not yet emitted
    let pos = 0;
    let nextQuote = chunk.indexOf(QUOTE);
    let nextNewline = chunk.indexOf(NEWLINE);
    while (pos < chunk.length) {
      if (inQuotes) {
        // "" inside a field closes and reopens the quotes, which leaves the state right.
        if (nextQuote < 0) break;
        inQuotes = false;
        pos = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, pos);
        continue;
      }
      if (nextNewline >= 0 && nextNewline < pos) nextNewline = chunk.indexOf(NEWLINE, pos);
      if (nextQuote >= 0 && (nextNewline < 0 || nextQuote < nextNewline)) {
        inQuotes = true;
        pos = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, pos);
        continue;
      }
      if (nextNewline < 0) break;
      pos = nextNewline + 1;
      rows += 1;
      if (rows >= maxRows || heldBytes + (pos - start) >= maxBytes) {
        yield { csv: Buffer.concat([...held, chunk.subarray(start, pos)]), rows };
        held = [];
        heldBytes = 0;
        rows = 0;
        start = pos;
      }
    }
    if (start < chunk.length) {
      held.push(chunk.subarray(start));
      heldBytes += chunk.length - start;
    }
  }

  if (inQuotes) throw new AppError("CONNECTOR_ERROR", "The CSV DuckDB wrote ends inside a quoted field; it is incomplete.");
  if (heldBytes === 0) return;
  const tail = Buffer.concat(held);
  // A last record without its newline is still a record.
  if (tail[tail.length - 1] !== NEWLINE) yield { csv: Buffer.concat([tail, Buffer.from("\n")]), rows: rows + 1 };
  else yield { csv: tail, rows };
}
