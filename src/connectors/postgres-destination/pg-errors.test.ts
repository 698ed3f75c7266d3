import { describe, expect, it } from "vitest";

import { parsePostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { describeConnectError, isConnectionLost, maskPassword, statementError } from "@/connectors/postgres-destination/pg-errors";

const config = parsePostgresDestinationConfig({ host: "db.example", port: 6543, database: "wh", user: "loader", password: "s3cret-pw" });
const pgError = (code: string, message: string, extra: Record<string, string> = {}) => Object.assign(new Error(message), { code, ...extra });

describe("describeConnectError", () => {
  it("names the role when trust or certificate authentication reports it missing", () => {
    expect(describeConnectError(pgError("28000", 'role "loader" does not exist'), config, 7000)?.message).toBe(
      'there is no role (user) "loader" on db.example:6543. Check the user name.',
    );
  });

  it("points at pg_hba.conf when the server refuses the client", () => {
    const e = pgError("28000", 'no pg_hba.conf entry for host "10.0.0.5", user "loader", database "wh", no encryption');
    expect(describeConnectError(e, config, 7000)?.message).toMatch(/refuses this connection \(no pg_hba\.conf entry.*\)\. Allow it in pg_hba\.conf/);
  });

  it("tells TLS refusals, certificate failures and timeouts apart", () => {
    expect(describeConnectError(new Error("The server does not support SSL connections"), config, 7000)?.message).toMatch(/does not accept TLS/);
    expect(describeConnectError(pgError("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"), config, 7000)?.message).toMatch(
      /TLS certificate was rejected/,
    );
    expect(describeConnectError(new Error("Connection terminated due to connection timeout"), config, 7000)).toEqual({
      code: "UNAVAILABLE",
      message: expect.stringMatching(/no answer from db\.example:6543 within 7 s/),
    });
    expect(describeConnectError(pgError("3D000", 'database "wh" does not exist'), config, 7000)).toMatchObject({ code: "BAD_INPUT" });
  });

  it("leaves statement errors to the caller", () => {
    expect(describeConnectError(pgError("42P01", "relation does not exist"), config, 7000)).toBeNull();
  });
});

describe("statementError", () => {
  it("classifies lost connections as retryable and privileges as forbidden", () => {
    expect(statementError(pgError("57P01", "terminating connection due to administrator command"), config, "committing x").code).toBe("UNAVAILABLE");
    expect(isConnectionLost(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(statementError(pgError("42501", "permission denied for schema s"), config, "preparing s.t")).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/user "loader" lacks a privilege needed for preparing s\.t/),
    });
  });

  it("classifies once: data errors are DATA_REJECTED and never retried; server trouble is retried", () => {
    for (const code of ["22P02", "22003", "2202E", "23505", "23502", "54000"]) {
      const e = statementError(pgError(code, "bad value", { detail: "Key (id)=(42) already exists." }), config, "committing s.t");
      expect({ code: e.code, retryable: e.retryable }, code).toEqual({ code: "DATA_REJECTED", retryable: false });
      expect(e.message).toContain("Key (id)=(42) already exists.");
    }
    for (const code of ["53100", "53200", "40001", "57014", "55P03", "08006"])
      expect(statementError(pgError(code, "trouble"), config, "x").code, code).toBe("UNAVAILABLE");
    expect(statementError(pgError("XX000", "internal error"), config, "x")).toMatchObject({ code: "CONNECTOR_ERROR", retryable: true });
  });

  it("does not retry what PostgreSQL does not support (0A000): it fails the same way every time", () => {
    const e = statementError(
      pgError("0A000", "cannot alter type of a column used by a view or rule", { detail: 'rule _RETURN on view v depends on column "n"' }),
      config,
      "committing s.t",
    );
    expect({ code: e.code, retryable: e.retryable }).toEqual({ code: "BAD_INPUT", retryable: false });
    expect(e.message).toContain('rule _RETURN on view v depends on column "n"');
    expect(e.message).toContain("Retrying cannot help");
  });

  it("never shows the password", () => {
    expect(statementError(new Error("oops postgres://loader:s3cret-pw@db"), config, "x").message).not.toContain("s3cret-pw");
    expect(maskPassword("a s3cret-pw b", "s3cret-pw")).toBe("a [secret] b");
  });
});
