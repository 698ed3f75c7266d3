/**
 * The JSON nesting limit at the HTTP edge. A request whose JSON (a body, or
 * tRPC's `input` query parameter) nests deeper than the input rules allow is
 * answered 400 before anything parses it, so a hostile depth cannot exhaust
 * the stack of a parser, superjson or PostgreSQL's jsonb. The tRPC route and
 * `apiRoute` call it; the precise field is named later by the input rules.
 */
import { MAX_JSON_DEPTH, jsonTextDepth } from "@/lib/input-rules";

const MESSAGE = `nests deeper than ${MAX_JSON_DEPTH} levels`;

/** Bodies longer than this are left to the route, which refuses them by its own size limit (413) without buffering them twice. */
const MAX_CHECKED_BYTES = 16 * 1024 * 1024;

/** A copy of the body's text, or null once it passes MAX_CHECKED_BYTES (reading stops there). */
async function boundedText(req: Request): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (declared > MAX_CHECKED_BYTES) return null;
  const reader = req.clone().body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_CHECKED_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** For an API route: a 400 when the (uncompressed) body is too deep, else null. */
export async function refuseDeepBody(req: Request): Promise<Response | null> {
  if (req.method === "GET" || req.method === "HEAD" || req.headers.get("content-encoding")) return null;
  const text = await boundedText(req);
  return text !== null && jsonTextDepth(text) > MAX_JSON_DEPTH ? Response.json({ error: `body: the JSON ${MESSAGE}.` }, { status: 400 }) : null;
}

/**
 * For the tRPC endpoint: a 400 in tRPC's own error shape (one per call of a
 * batch) when the input is too deep, else null. The envelope tRPC adds
 * (`{"json": …}`, and the batch index) is allowed for.
 */
export async function refuseDeepTrpcInput(req: Request): Promise<Response | null> {
  const url = new URL(req.url);
  const text = req.method === "GET" ? (url.searchParams.get("input") ?? "") : await req.clone().text();
  if (jsonTextDepth(text) <= MAX_JSON_DEPTH + 2) return null;
  const paths = decodeURIComponent(url.pathname.split("/").at(-1) ?? "").split(",");
  const error = (path: string) => ({
    error: { json: { message: `Invalid input: ${MESSAGE}`, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, path } } },
  });
  return Response.json(url.searchParams.get("batch") === "1" ? paths.map(error) : error(paths[0] ?? ""), { status: 400 });
}
