/**
 * Reads one HTTP stream as wire-format batches: walks its pages, keeps the
 * records whose cursor is at or after the saved one (incremental reads), projects each
 * record onto the requested columns (missing fields NULL, extra fields left
 * out, nested values as JSON) and encodes it with `encodeWireRows`. A batch
 * closes at maxRows records or maxBytes bytes, so memory holds at most one
 * batch and one page.
 */
import type { THttpConfig, THttpStreamConfig } from "@/connectors/http/config";
import { type THttpClient, fetchPages } from "@/connectors/http/fetch-pages";
import { planIncremental } from "@/connectors/http/incremental";
import { describeUrl } from "@/connectors/http/request-url";
import { FieldMismatchError, projectRecord, typeName } from "@/connectors/json/wire-values";
import type { TColumn, TReadRequest, TRecordBatch } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
import { AppError } from "@/lib/app-error";

export type TBatchLimits = { maxRows: number; maxBytes: number };

export type TReadStreamInput = {
  client: THttpClient;
  config: THttpConfig;
  stream: THttpStreamConfig;
  request: TReadRequest;
  limits: TBatchLimits;
  signal: AbortSignal;
};

/** The requested columns in wire order (all of the stream's by default). */
export function wireColumns(request: TReadRequest): TColumn[] {
  const { stream } = request;
  if (!request.columns) return stream.columns;
  return request.columns.map((name) => {
    const column = stream.columns.find((c) => c.name === name);
    if (!column) throw new AppError("BAD_INPUT", `Stream "${stream.name}" has no column "${name}"; discover the source again.`);
    return column;
  });
}

function mismatchError(stream: string, e: FieldMismatchError, page: { url: URL; number: number }, index: number, column?: TColumn): AppError {
  const expected = column ? ` (discover inferred ${typeName(column.type)} from the first page)` : "";
  return new AppError(
    "BAD_INPUT",
    `Stream "${stream}": record ${index + 1} of page ${page.number} (GET ${describeUrl(page.url)}): ${e.message}${expected}. Discover the source again; if the first page is not representative, the field's type varies across pages.`,
    { stream, field: e.field },
  );
}

export async function* readHttpStream(input: TReadStreamInput): AsyncGenerator<TRecordBatch> {
  const { client, config, stream, request, limits, signal } = input;
  const columns = wireColumns(request);
  const names = columns.map((c) => c.name);
  const incremental = planIncremental(request, stream);
  const maxRows = Math.max(1, limits.maxRows);
  const maxBytes = Math.max(1, limits.maxBytes);

  let lines: Buffer[] = [];
  let bytes = 0;
  let extractedAt: Date | undefined;
  const flush = (): TRecordBatch => {
    const batch = { stream: request.stream.name, columns: names, csv: Buffer.concat(lines, bytes), rows: lines.length, extractedAt: extractedAt ?? new Date() };
    lines = [];
    bytes = 0;
    extractedAt = undefined;
    return batch;
  };

  let kept = 0;
  let seen = 0;
  for await (const page of fetchPages(client, config, stream, incremental?.params)) {
    signal.throwIfAborted();
    for (const [index, record] of page.records.entries()) {
      let line: Buffer;
      try {
        seen += 1;
        if (incremental && !incremental.keep(record)) continue;
        line = encodeWireRows(columns, [projectRecord(record, columns, page.exact)]);
      } catch (e) {
        if (e instanceof FieldMismatchError)
          throw mismatchError(
            request.stream.name,
            e,
            page,
            index,
            request.stream.columns.find((c) => c.name === e.field),
          );
        throw e;
      }
      kept += 1;
      extractedAt ??= page.fetchedAt;
      lines.push(line);
      bytes += line.length;
      if (lines.length >= maxRows || bytes >= maxBytes) yield flush();
    }
  }
  if (lines.length) yield flush();
  client.log.debug({ stream: request.stream.name, records: seen, kept }, "HTTP source: stream read");
}
