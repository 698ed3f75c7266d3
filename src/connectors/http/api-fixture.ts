/**
 * Test support for the HTTP source: a real node:http server on 127.0.0.1
 * (port 0) answering with a handler per test, recording every request;
 * typed config builders; a source with short backoff; and readers that
 * collect batches. Used by the *.test.ts files next to it.
 */
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import type { THttpSourceConfig } from "@/connectors/http/config";
import { createHttpSource } from "@/connectors/http/source";
import type { TSourceConnector } from "@/connectors/source-connector";
import type { TReadOptions, TReadRequest, TRecordBatch, TStreamDescriptor } from "@/connectors/types";
import { logger } from "@/lib/logger";

export type TApiRequest = { path: string; query: URLSearchParams; headers: IncomingHttpHeaders; at: number };

/** What the handler answers: JSON (status 200 by default), raw text, or no answer at all. */
export type TApiReply = { status?: number; headers?: Record<string, string>; json?: unknown; text?: string } | "hang";

export type TTestApi = {
  baseUrl: string;
  origin: string;
  requests: TApiRequest[];
  close(): Promise<void>;
};

export async function startApi(handler: (req: TApiRequest, index: number) => TApiReply | Promise<TApiReply>): Promise<TTestApi> {
  const requests: TApiRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: TApiRequest = { path: url.pathname, query: url.searchParams, headers: req.headers, at: Date.now() };
    requests.push(request);
    void Promise.resolve(handler(request, requests.length - 1)).then(
      (reply) => {
        if (reply === "hang") return;
        const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
        const type = reply.json !== undefined ? { "content-type": "application/json" } : {};
        res.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
        res.end(body);
      },
      (e: unknown) => {
        res.writeHead(599);
        res.end(String(e));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/api`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (a server was there a moment ago). */
export async function closedPort(): Promise<number> {
  const api = await startApi(() => ({ json: [] }));
  const port = Number(new URL(api.origin).port);
  await api.close();
  return port;
}

type TStreamInput = THttpSourceConfig["streams"][number];

export function httpConfig(baseUrl: string, streams: TStreamInput[], extra: Partial<THttpSourceConfig> = {}): THttpSourceConfig {
  return { baseUrl, streams, ...extra };
}

/** The source with backoff in milliseconds, so retry tests run fast; Retry-After is still honoured up to 3 s. */
export const fastSource: TSourceConnector<THttpSourceConfig> = createHttpSource({
  retryTiming: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 },
});

export function testContext(signal: AbortSignal = new AbortController().signal) {
  return { log: logger, signal };
}

export async function discoverStream(config: THttpSourceConfig, name: string, source = fastSource): Promise<TStreamDescriptor> {
  const catalog = await source.discover(config, testContext());
  const stream = catalog.streams.find((s) => s.name === name);
  if (!stream) throw new Error(`discover returned no stream ${name}`);
  return stream;
}

export async function readBatches(
  config: THttpSourceConfig,
  requests: TReadRequest[],
  opts: Partial<TReadOptions> = {},
  source = fastSource,
): Promise<TRecordBatch[]> {
  const batches: TRecordBatch[] = [];
  for await (const batch of source.read(config, requests, { ...testContext(), ...opts })) batches.push(batch);
  return batches;
}

/** Discovers `name` and reads it in full. */
export async function readStream(
  config: THttpSourceConfig,
  name: string,
  request: Partial<TReadRequest> = {},
): Promise<{ stream: TStreamDescriptor; batches: TRecordBatch[] }> {
  const stream = await discoverStream(config, name);
  return { stream, batches: await readBatches(config, [{ stream, ...request }]) };
}

export function wireText(batches: readonly TRecordBatch[]): string {
  return batches.map((b) => b.csv.toString("utf8")).join("");
}

/** Rejection message of a promise (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("expected a failure");
}

/** Seven records with a timestamp cursor, for pagination and incremental tests. */
export const ITEMS = Array.from({ length: 7 }, (_, i) => ({
  id: i + 1,
  name: `item ${i + 1}`,
  updated_at: `2024-05-01T10:00:0${i + 1}Z`,
}));

/** ITEMS as the wire rows of the columns discover infers for them (id integer, name text, updated_at timestamptz). */
export function itemRows(items = ITEMS): unknown[][] {
  return items.map((item) => [item.id, item.name, item.updated_at.replace("T", " ").replace("Z", "+00")]);
}
