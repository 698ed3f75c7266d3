/**
 * HTTP clients of the running Weir for the catalog benchmark: a signed-in
 * session (next-auth's credentials flow, as the sign-in page posts it) for
 * tRPC queries and mutations, and GETs with an API token for the OpenLineage API.
 */

export type TSession = { cookie: string };

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in with email and password; the returned cookie header carries the session. */
export async function signInOverHttp(baseURL: string, email: string, password: string): Promise<TSession> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}.`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseURL}/`, json: "true" }),
  });
  const all = [...jar, ...cookiesOf(res)];
  if (!all.some((c) => c.includes("session-token="))) throw new Error(`Sign-in as ${email} did not return a session cookie (status ${res.status}).`);
  return { cookie: all.join("; ") };
}

/** A GET in the session; returns the body, throws unless it answers 200. */
async function sessionGet(session: TSession, url: string, what: string): Promise<string> {
  const res = await fetch(url, { headers: { cookie: session.cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

/** One tRPC query (GET, superjson-encoded input); throws unless it answers 200. */
export function trpcQuery(baseURL: string, session: TSession, procedure: string, input: unknown): Promise<unknown> {
  return sessionGet(session, `${baseURL}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, procedure);
}

/** Several tRPC queries in one batched GET, as the client's httpBatchLink sends them; throws unless it answers 200. */
export async function trpcBatchQuery(baseURL: string, session: TSession, calls: { procedure: string; input: unknown }[]): Promise<void> {
  const procedures = calls.map((c) => c.procedure).join(",");
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(calls.map((c, i) => [String(i), { json: c.input }]))));
  await sessionGet(session, `${baseURL}/api/trpc/${procedures}?batch=1&input=${input}`, `the batch ${procedures}`);
}

/** One tRPC mutation (POST, superjson-encoded input); returns the answer's data, throws unless it answers 200. */
export async function trpcMutation(baseURL: string, session: TSession, procedure: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${baseURL}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { cookie: session.cookie, "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${procedure} answered ${res.status}: ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { result: { data: { json: unknown } } }).result.data.json;
}

/** GET /api/v1/lineage with an API token; returns the number of nodes in the answer. */
export async function lineageApi(baseURL: string, token: string, nodeId: string, depth: number): Promise<number> {
  const res = await fetch(`${baseURL}/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}&depth=${depth}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/v1/lineage answered ${res.status}: ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { graph: unknown[] }).graph.length;
}
