/**
 * The canary scan's scene: a distinct canary value in every secret field of
 * every connector and alert channel kind, and real servers that ECHO what
 * they receive, so a secret that reaches the wire comes back in the error:
 * an HTTP server answering 401 with the request's URL, headers (Basic
 * credentials decoded) and body; an SMTP server refusing the login with the
 * user name and password it was sent. PostgreSQL and Kafka (SASL) are the
 * shared test servers; they refuse the canary passwords without echoing.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** Every canary planted, by the field it was planted in (e.g. "source http/bearer auth.token"). */
export type TCanaries = Map<string, string>;

export function canaryMaker(canaries: TCanaries): (field: string) => string {
  return (field) => {
    const value = `cnry${randomBytes(9).toString("hex")}`;
    canaries.set(field, value);
    return value;
  };
}

/** An HTTP server that answers 401 with everything it was sent, except under /ok/ while `ok` is on (for discovery). */
export async function startEchoServer() {
  const state = { ok: true, requests: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      state.requests += 1;
      if (state.ok && req.url?.startsWith("/ok/")) {
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify([
            { id: 1, name: "a" },
            { id: 2, name: "b" },
          ]),
        );
        return;
      }
      const basic = /^Basic\s+(\S+)/i.exec(req.headers.authorization ?? "")?.[1];
      // Credentials first: receivers' answers are cut to a few hundred characters by whoever quotes them.
      const echo = {
        decodedBasic: basic ? Buffer.from(basic, "base64").toString("utf8") : null,
        authorization: req.headers.authorization ?? null,
        apiKey: req.headers["x-canary-key"] ?? null,
        url: req.url,
        body: body.slice(0, 4000),
        headers: req.headers,
      };
      res.writeHead(401, { "content-type": "text/plain" }).end(`denied, you sent: ${JSON.stringify(echo)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An SMTP server whose every login fails with the credentials it was given. */
export async function startEchoSmtp() {
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? "");
      callback(Object.assign(new Error(`Authentication refused for ${auth.username}/${auth.password}`), { responseCode: 535 }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type TEndpointPlan = { kind: "source" | "destination"; connector: string; variant: string; config: Record<string, unknown> };

/** One saved endpoint per connector and auth variant, a canary in each secret field the variant uses. */
export function endpointPlans(canary: (field: string) => string, at: { echo: string; pgHost: string; pgPort: number; saslBroker: string }): TEndpointPlan[] {
  const c = (kind: string, connector: string, variant: string, field: string) => canary(`${kind} ${connector}${variant ? `/${variant}` : ""} ${field}`);
  const stream = [{ name: "items", path: "/items" }];
  const pg = { host: at.pgHost, port: at.pgPort, database: "postgres", user: "postgres", sslMode: "disable" };
  const snowflake = { account: "echo-acct", user: "weir", warehouse: "wh", database: "db", accessUrl: at.echo };
  return [
    { kind: "source", connector: "postgres", variant: "", config: { ...pg, password: c("source", "postgres", "", "password") } },
    {
      kind: "source",
      connector: "http",
      variant: "bearer",
      config: { baseUrl: `${at.echo}/api`, auth: { type: "bearer", token: c("source", "http", "bearer", "auth.token") }, streams: stream, maxRetries: 0 },
    },
    {
      kind: "source",
      connector: "http",
      variant: "basic",
      config: {
        baseUrl: `${at.echo}/api`,
        auth: { type: "basic", username: "canary-user", password: c("source", "http", "basic", "auth.password") },
        streams: stream,
        maxRetries: 0,
      },
    },
    {
      kind: "source",
      connector: "http",
      variant: "apiKey",
      config: {
        baseUrl: `${at.echo}/api`,
        auth: { type: "apiKey", headerName: "X-Canary-Key", headerValue: c("source", "http", "apiKey", "auth.headerValue") },
        streams: stream,
        maxRetries: 0,
      },
    },
    {
      kind: "source",
      connector: "kafka",
      variant: "sasl",
      config: {
        brokers: [at.saslBroker],
        security: { protocol: "sasl_plaintext", saslMechanism: "plain", username: "weir", password: c("source", "kafka", "sasl", "security.password") },
        topics: ["canary"],
      },
    },
    {
      kind: "destination",
      connector: "postgres-destination",
      variant: "",
      config: { ...pg, password: c("destination", "postgres-destination", "", "password") },
    },
    {
      kind: "destination",
      connector: "snowflake",
      variant: "password",
      config: { ...snowflake, authMethod: "password", password: c("destination", "snowflake", "password", "password") },
    },
    {
      kind: "destination",
      connector: "snowflake",
      variant: "key_pair",
      config: {
        ...snowflake,
        authMethod: "key_pair",
        privateKey: `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${c("destination", "snowflake", "key_pair", "privateKey")}\n-----END ENCRYPTED PRIVATE KEY-----\n`,
        privateKeyPassphrase: c("destination", "snowflake", "key_pair", "privateKeyPassphrase"),
      },
    },
  ];
}

/** One channel per kind and secret: webhook URL userinfo and path, webhook Authorization header, Slack URL token; e-mail's secret is WEIR_SMTP_URL. */
export function channelPlans(canary: (field: string) => string, echo: string) {
  const host = echo.replace("http://", "");
  return [
    {
      kind: "webhook" as const,
      variant: "userinfo",
      config: { url: `http://hook-user:${canary("channel webhook/userinfo url (password)")}@${host}/hook/${canary("channel webhook/userinfo url (path)")}` },
    },
    { kind: "webhook" as const, variant: "header", config: { url: `${echo}/hook`, authorization: `Bearer ${canary("channel webhook/header authorization")}` } },
    { kind: "slack" as const, variant: "", config: { url: `${echo}/services/T0/B0/${canary("channel slack url (token)")}` } },
    { kind: "email" as const, variant: "", config: { to: ["oncall@example.com"] } },
  ];
}
