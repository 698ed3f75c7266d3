/**
 * Discovers one HTTP stream: samples up to 100 records of its first page and
 * infers the columns (infer-columns.ts); the configured primary key and
 * cursor field must be among them. Cursor candidates are the columns whose
 * type orders (numbers, dates, timestamps), the configured cursor first.
 */
import type { THttpConfig, THttpStreamConfig } from "@/connectors/http/config";
import { type THttpClient, firstPage } from "@/connectors/http/fetch-pages";
import { inferColumns, isCursorType } from "@/connectors/json/infer-columns";
import { describeUrl } from "@/connectors/http/request-url";
import type { TColumn, TStreamDescriptor } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

export const SAMPLE_RECORDS = 100;

function missingFields(stream: THttpStreamConfig, what: string, names: readonly string[], columns: readonly TColumn[]): AppError | null {
  const missing = names.filter((name) => !columns.some((c) => c.name === name));
  if (!missing.length) return null;
  return new AppError(
    "BAD_INPUT",
    `Stream "${stream.name}": ${what} ${missing.map((m) => `"${m}"`).join(", ")} not found in the sampled records (fields: ${columns.map((c) => c.name).join(", ")}).`,
  );
}

/** The descriptor of a stream, from its configuration and the records sampled from it. Pure. */
export function describeStream(stream: THttpStreamConfig, sample: readonly Record<string, unknown>[]): TStreamDescriptor {
  const columns = inferColumns(sample);
  const error =
    missingFields(stream, stream.primaryKey.length > 1 ? "primary key fields" : "primary key field", stream.primaryKey, columns) ??
    missingFields(stream, "cursor field", stream.incremental ? [stream.incremental.cursorField] : [], columns);
  if (error) throw error;
  const configured = stream.incremental?.cursorField;
  const candidates = columns.filter((c) => isCursorType(c.type) && c.name !== configured).map((c) => c.name);
  return {
    name: stream.name,
    columns,
    primaryKey: [...stream.primaryKey],
    cursorCandidates: configured ? [configured, ...candidates] : candidates,
    supportsIncremental: stream.incremental !== undefined,
  };
}

export async function discoverHttpStream(client: THttpClient, config: THttpConfig, stream: THttpStreamConfig): Promise<TStreamDescriptor> {
  const page = await firstPage(client, config, stream);
  if (!page.records.length) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${stream.name}": the first page (GET ${describeUrl(page.url)}) has no records, so its columns cannot be inferred; discover again once the API returns some.`,
    );
  }
  return describeStream(stream, page.records.slice(0, SAMPLE_RECORDS));
}
