/**
 * Test harness: the real tRPC router over HTTP (the fetch adapter the app's
 * /api/trpc route uses, the same error formatter and tiers) in a process of
 * its own, so a test can read everything that process logs. Run as
 * `node --import tsx src/server/testing/trpc-http-server.ts` with PORT and
 * DATABASE_URL. The only difference from the app: the caller is named by the
 * `x-weir-test-user` header (a user id, loaded and checked like a session's)
 * instead of a next-auth cookie, which needs Next's request scope. Never
 * imported by the app.
 */
import http from "node:http";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { buildContext, loadActiveUser } from "@/server/context";
import { appRouter } from "@/server/root";

const TEST_USER_HEADER = "x-weir-test-user";

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    void fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: async () => buildContext(await loadActiveUser(request.headers.get(TEST_USER_HEADER) ?? undefined)),
    })
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(await response.text());
      })
      .catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
  });
});

server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
