/**
 * Cuts a stream of CSV bytes (COPY … TO STDOUT WITH (FORMAT csv)) into
 * batches of complete lines. Quote-aware: a newline inside a quoted field
 * does not end a line ("" inside a field toggles the state twice, which
 * leaves it right). A batch closes after `maxRows` lines, and before a line
 * that would take it past `maxBytes`, so a batch is never larger than
 * maxBytes unless a single line is. Holds at most one batch plus the chunk
 * being scanned; it pulls the next chunk only when the caller pulls.
 */
import { AppError } from "@/lib/app-error";

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export type TCsvBatch = { csv: Buffer; rows: number };
export type TBatchLimits = { maxRows: number; maxBytes: number };

/**
 * Bytes received but not yet emitted: whole lines of the open batch, then
 * maybe the start of a line. Kept as the chunks (or chunk tails) they came in.
 */
class Pending {
  parts: Buffer[] = [];
  bytes = 0;

  push(part: Buffer): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.bytes += part.length;
  }

  /** Removes and returns the first `n` bytes as one buffer; keeps the rest (copied, so the big buffer can go). */
  take(n: number): Buffer {
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.bytes);
    const rest = all.subarray(n);
    this.parts = rest.length ? [Buffer.from(rest)] : [];
    this.bytes = rest.length;
    return all.subarray(0, n);
  }
}

export async function* batchCsvLines(chunks: AsyncIterable<Buffer>, limits: TBatchLimits): AsyncGenerator<TCsvBatch> {
  const maxRows = Math.max(1, Math.floor(limits.maxRows));
  const maxBytes = Math.max(1, Math.floor(limits.maxBytes));
  const pending = new Pending();
  /** Bytes of complete lines at the front of `pending` (the open batch). */
  let complete = 0;
  let rows = 0;
  let inQuotes = false;

  for await (const chunk of chunks) {
    let start = 0; // chunk[0, start) is already in `pending` or emitted
    /** Closes the open batch after its first `n` bytes (pending, then this chunk). */
    const cut = (n: number): TCsvBatch => {
      if (n > pending.bytes) {
        const fromChunk = n - pending.bytes;
        pending.push(chunk.subarray(start, start + fromChunk));
        start += fromChunk;
      }
      const batch = { csv: pending.take(n), rows };
      complete = 0;
      rows = 0;
      return batch;
    };
    let pos = 0;
    let nextQuote = chunk.indexOf(QUOTE);
    let nextNewline = chunk.indexOf(NEWLINE);
    while (pos < chunk.length) {
      if (inQuotes) {
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
      // A line ends at chunk[pos - 1]; `complete` bytes before it are whole lines of the open batch.
      if (rows > 0 && pending.bytes + (pos - start) > maxBytes) yield cut(complete);
      complete = pending.bytes + (pos - start);
      rows += 1;
      if (rows >= maxRows || complete >= maxBytes) yield cut(complete);
    }
    pending.push(chunk.subarray(start));
  }

  if (inQuotes) throw new AppError("CONNECTOR_ERROR", "PostgreSQL's CSV output ended inside a quoted field: the COPY was cut short.");
  if (pending.bytes > complete) {
    // A last line without its newline is still a line.
    pending.push(Buffer.from("\n"));
    complete = pending.bytes;
    rows += 1;
  }
  if (rows > 0) yield { csv: pending.take(complete), rows };
}
