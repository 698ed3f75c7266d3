/**
 * POST /api/v1/lineage bodies through the route handler, on a real
 * PostgreSQL: gzip-compressed events (Content-Encoding: gzip, as the
 * OpenLineage Python client sends them) are stored like plain ones; a zip
 * bomb and an oversized plain body get 413 without being read whole; broken
 * gzip gets 400 and an unknown encoding 415; nothing of a refused body is
 * stored.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST } from "../../../app/api/v1/lineage/route";
import { db } from "@/db/client";
import { createToken } from "@/server/api-tokens/api-tokens";
import { MAX_EVENT_BYTES } from "@/server/lineage/lineage-api";
import { setUpTestApp } from "@/server/testing/test-app";

const FIXTURES = path.join(__dirname, "../../engine/lineage/openlineage/fixtures");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, any>;

let teardown: () => Promise<void>;
let writer: string;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  writer = (await createToken({ name: "gzip-producer", scopes: ["lineage:write"] }, { id: null, email: "test" })).token;
});
afterAll(() => teardown());

const post = (body: BodyInit | ReadableStream, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://weir.test/api/v1/lineage", {
      method: "POST",
      headers: { authorization: `Bearer ${writer}`, "content-type": "application/json", ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );
const events = () => db().lineageEvent.count();

/** A stream of `total` zero bytes, gzip-compressed on the fly, counting what the server pulled. */
function zipBomb(total: number) {
  const pulled = { bytes: 0 };
  const chunk = gzipSync(Buffer.alloc(1024 * 1024)); // one compressed MB of zeros (~1 KB); gzip members may follow each other
  let left = Math.ceil(total / (1024 * 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left-- <= 0) return controller.close();
      pulled.bytes += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { stream, pulled, compressedSize: chunk.length * Math.ceil(total / (1024 * 1024)) };
}

describe("POST /api/v1/lineage with Content-Encoding: gzip", () => {
  it("stores a gzip-compressed event as it stores a plain one", async () => {
    const event = fixture("airflow-task-start.json");
    const res = await post(gzipSync(JSON.stringify(event)), { "content-encoding": "gzip" });
    expect(res.status, await res.clone().text()).toBe(201);
    const run = await db().lineageRun.findUniqueOrThrow({ where: { id: event.run.runId }, include: { events: true } });
    expect(run.events.map((e) => e.receivedFrom)).toEqual(["token:gzip-producer"]);
    expect((run.events[0]!.payload as { job: { name: string } }).job.name).toBe(event.job.name);
  });

  it("refuses a zip bomb with 413 after reading only a bounded part of it", async () => {
    const before = await events();
    const bomb = zipBomb(4 * 1024 * 1024 * 1024); // 4 GB of zeros, about 4 MB compressed
    const res = await post(bomb.stream, { "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 16 MB once decompressed/);
    // The server stopped pulling soon after the decompressed bound: a small part of the compressed body.
    expect(bomb.pulled.bytes).toBeLessThan(bomb.compressedSize / 50);
    expect(await events()).toBe(before);
  });

  it("refuses broken gzip with 400 and an encoding it does not know with 415", async () => {
    const before = await events();
    const truncated = gzipSync(JSON.stringify(fixture("airflow-task-start.json"))).subarray(0, 40);
    const broken = await post(truncated, { "content-encoding": "gzip" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/not valid gzip/);
    const notGzip = await post('{"eventType":"START"}', { "content-encoding": "gzip" });
    expect(notGzip.status).toBe(400);
    const brotli = await post("{}", { "content-encoding": "br" });
    expect(brotli.status).toBe(415);
    expect(((await brotli.json()) as { error: string }).error).toMatch(/Content-Encoding "br" is not supported/);
    expect(await events()).toBe(before);
  });
});

describe("POST /api/v1/lineage body size", () => {
  it("refuses a plain body over the bound with 413, whether or not it declares its length", async () => {
    const before = await events();
    const big = JSON.stringify({ ...fixture("airflow-task-start.json"), padding: "x".repeat(MAX_EVENT_BYTES) });
    const declared = await post(big, { "content-length": String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    const streamed = await post(Readable.toWeb(Readable.from([Buffer.from(big)])) as ReadableStream);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: string }).error).toMatch(/larger than 16 MB; send one RunEvent per request/);
    expect(await events()).toBe(before);
  });
});
