// Error messages (pure): each cause named, the password never in them, a session lost midway told from one that never
// came up.
import { describe, expect, it } from "vitest";

import { describeConnectError, scrubSecret, toConnectorError } from "@/connectors/postgres/errors";

const target = { host: "db.internal", port: 5433, database: "shop", user: "loader", password: "s3cret-pass" };
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("describeConnectError", () => {
  it.each([
    [pgError("ENOTFOUND", "getaddrinfo ENOTFOUND db.internal"), /^Unknown host "db.internal"/],
    [pgError("ECONNREFUSED", "connect ECONNREFUSED"), /nothing listens on db.internal:5433/],
    [pgError("28P01", 'password authentication failed for user "loader"'), /^Password authentication failed for user "loader"/],
    [pgError("28000", 'role "loader" does not exist'), /^Role "loader" does not exist/],
    [
      pgError("28000", 'no pg_hba.conf entry for host "10.0.0.1", user "loader", database "shop", no encryption'),
      /refuses unencrypted connections.*set SSL mode to require/,
    ],
    [pgError("3D000", 'database "shop" does not exist'), /^Database "shop" does not exist on db.internal:5433/],
    [pgError("42501", "permission denied for database shop"), /^Permission denied for user "loader": permission denied for database shop/],
    [pgError("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"), /certificate could not be verified.*give the CA certificate/],
    [new Error("The server does not support SSL connections"), /does not accept SSL connections/],
    [new Error("timeout expired"), /^No answer from db.internal:5433 within 7 s/],
  ])("names the cause of %s", (error, expected) => {
    expect(describeConnectError(error, target, 7_000)).toMatch(expected);
  });

  it("removes the password from any server text it quotes, and never builds a sentence from it", () => {
    const echoed = describeConnectError(pgError("XX000", `weird failure near 's3cret-pass'`), target, 0);
    expect(echoed).not.toContain("s3cret-pass");
    expect(echoed).toContain("[secret]");
    expect(describeConnectError(pgError("28P01", "x"), { ...target, password: "wrong" }, 0)).toContain("the password is wrong");
  });

  it("wraps errors of discover and read without the password: a data exception as BAD_INPUT (not retried), other trouble as CONNECTOR_ERROR", () => {
    const e = toConnectorError(pgError("22007", `invalid input syntax for type timestamp: "s3cret-pass"`), target, 'reading stream "public.t"');
    expect(e.code).toBe("BAD_INPUT");
    expect(e.retryable).toBe(false);
    expect(e.message).toBe(
      'PostgreSQL source: reading stream "public.t" failed on the data: invalid input syntax for type timestamp: "[secret]" (22007). Fix the rows or the view at the source; a retry would fail the same way.',
    );
    const other = toConnectorError(pgError("XX000", "internal error near s3cret-pass"), target, 'reading stream "public.t"');
    expect(other).toMatchObject({
      code: "CONNECTOR_ERROR",
      message: 'PostgreSQL source: reading stream "public.t" failed: internal error near [secret] (XX000)',
    });
  });

  it("leaves very short passwords alone rather than mangle every word", () => {
    expect(scrubSecret("a bad answer", "a")).toBe("a bad answer");
  });
});

describe("toConnectorError: a session lost after it was up", () => {
  const doing = 'reading stream "public.t"';
  const lost = (e: Error) => toConnectorError(e, target, doing, { connected: true });

  it("names the host, what was being read and the server's reason, as UNAVAILABLE (retryable)", () => {
    const shutdown = lost(pgError("57P01", "terminating connection due to administrator command"));
    expect(shutdown.code).toBe("UNAVAILABLE");
    expect(shutdown.retryable).toBe(true);
    expect(shutdown.message).toMatch(
      /^PostgreSQL source: db\.internal:5433 closed the connection while reading stream "public\.t": the server is shutting down, or an administrator ended this session \(pg_terminate_backend\) \(57P01: /,
    );
    expect(lost(pgError("57P02", "terminating connection because of crash of another server process")).message).toMatch(
      /another of its processes crashed \(57P02/,
    );
    expect(lost(pgError("57P05", "terminating connection due to idle-session timeout")).message).toMatch(
      /a server-side timeout ended the session.*user "loader"/,
    );
  });

  it("says the server closed the connection without a reason when the socket just ends, and never calls it a handshake", () => {
    for (const e of [new Error("Connection terminated unexpectedly"), pgError("ECONNRESET", "read ECONNRESET"), pgError("08006", "connection failure")]) {
      const error = lost(e);
      expect(error.code).toBe("UNAVAILABLE");
      expect(error.message).toMatch(
        /^PostgreSQL source: db\.internal:5433 closed the connection while reading stream "public\.t" without giving a reason \(.*\): the server may have shut down/,
      );
      expect(error.message).not.toMatch(/handshake|SSL/);
    }
  });

  it("keeps describing failures before the session was up as connection problems, and statement errors as such", () => {
    const early = toConnectorError(new Error("Connection terminated unexpectedly"), target, "connecting");
    expect(early.code).toBe("CONNECTOR_ERROR");
    expect(early.message).toMatch(/closed the connection during the handshake/);
    const statement = toConnectorError(pgError("42P01", 'relation "t" does not exist'), target, doing, { connected: true });
    expect(statement).toMatchObject({
      code: "BAD_INPUT",
      message:
        'PostgreSQL source: reading stream "public.t" failed: relation "t" does not exist (42P01). Discover the source again, or grant the user what it needs; a retry would fail the same way.',
    });
  });
});
