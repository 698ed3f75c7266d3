/**
 * Reads a request body as text with a bound on its size, plain or
 * gzip-compressed (Content-Encoding: gzip, as the OpenLineage Python
 * client's `compression: gzip` sends it). Both the bytes received and the
 * bytes decompressed are bounded while they stream in, so neither a huge
 * body nor a zip bomb (a few KB that inflate to gigabytes) is ever held in
 * memory: past the bound the read stops and the caller answers 413.
 */
import { createGunzip } from "node:zlib";

export type TBodyResult = { ok: true; text: string } | { ok: false; status: 413 | 415 | 400; error: string };

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

class TooLarge extends Error {}

/** Collects chunks until `limit` bytes; throws TooLarge past it. */
function collector(limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk: Buffer) {
      size += chunk.length;
      if (size > limit) throw new TooLarge();
      chunks.push(chunk);
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

async function gunzipBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const out = collector(limit);
  const gunzip = createGunzip();
  const done = new Promise<void>((resolve, reject) => {
    gunzip.on("data", (chunk: Buffer) => {
      try {
        out.push(chunk);
      } catch (e) {
        gunzip.destroy();
        reject(e);
      }
    });
    gunzip.on("end", resolve);
    gunzip.on("error", reject);
  });
  const reader = body.getReader();
  // The compressed bytes are bounded too: a compressed event is never larger than the plain one.
  let received = 0;
  try {
    for (;;) {
      const { done: finished, value } = await reader.read();
      if (finished) break;
      received += value.length;
      if (received > limit) throw new TooLarge();
      if (gunzip.destroyed) break;
      if (!gunzip.write(value)) await new Promise<void>((resolve) => gunzip.once("drain", resolve).once("close", resolve));
    }
    gunzip.end();
    await done;
  } catch (e) {
    gunzip.destroy();
    await reader.cancel().catch(() => undefined);
    done.catch(() => undefined);
    throw e;
  }
  return out.text();
}

async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const out = collector(limit);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  return out.text();
}

/** The body of `req` as text, at most `limit` bytes once decompressed. */
export async function readBody(req: Request, limit: number): Promise<TBodyResult> {
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (!["identity", "gzip", "x-gzip", ""].includes(encoding)) {
    return {
      ok: false,
      status: 415,
      error: `Content-Encoding "${encoding.slice(0, 40)}" is not supported; send the body plain or gzip-compressed (Content-Encoding: gzip).`,
    };
  }
  const declared = Number(req.headers.get("content-length") ?? "");
  const tooLarge = {
    ok: false as const,
    status: 413 as const,
    error: `The event is larger than ${mb(limit)}${encoding.includes("gzip") ? " once decompressed" : ""}; send one RunEvent per request.`,
  };
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  if (!req.body) return { ok: true, text: "" };
  try {
    return { ok: true, text: encoding.includes("gzip") ? await gunzipBounded(req.body, limit) : await readBounded(req.body, limit) };
  } catch (e) {
    if (e instanceof TooLarge) return tooLarge;
    if (e instanceof Error && "code" in e && String((e as { code?: unknown }).code).startsWith("Z_")) {
      return { ok: false, status: 400, error: `The body is not valid gzip (Content-Encoding: gzip): ${e.message}.` };
    }
    throw e;
  }
}
