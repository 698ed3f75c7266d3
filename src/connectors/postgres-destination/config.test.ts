import { describe, expect, it } from "vitest";

import { POSTGRES_DESTINATION_SPEC, parsePostgresDestinationConfig, sslOption } from "@/connectors/postgres-destination/config";
import { secretFields, validateConfig } from "@/connectors/spec";

describe("parsePostgresDestinationConfig", () => {
  it("applies the defaults", () => {
    expect(parsePostgresDestinationConfig({ host: "db", database: "wh", user: "weir" })).toEqual({
      host: "db",
      port: 5432,
      database: "wh",
      user: "weir",
      password: "",
      sslMode: "prefer",
      defaultSchema: "public",
    });
  });

  it("names the bad field, never the password", () => {
    expect(() => parsePostgresDestinationConfig({ host: "db", database: "wh", user: "weir", password: "hunter22", port: 0 })).toThrow(/port/);
    try {
      parsePostgresDestinationConfig({ host: "db", database: "wh", user: "weir", password: "hunter22", sslMode: "sometimes" });
    } catch (e) {
      expect((e as Error).message).toMatch(/sslMode/);
      expect((e as Error).message).not.toContain("hunter22");
    }
  });
});

describe("POSTGRES_DESTINATION_SPEC", () => {
  it("marks the password secret and defaults the port", () => {
    expect(POSTGRES_DESTINATION_SPEC.properties.password).toMatchObject({ secret: true });
    expect(POSTGRES_DESTINATION_SPEC.properties.port).toMatchObject({ default: 5432 });
    expect(POSTGRES_DESTINATION_SPEC.required).toEqual(["host", "database", "user"]);
    expect(secretFields(POSTGRES_DESTINATION_SPEC)).toEqual(["password"]);
  });

  it("validates like the zod schema and applies the same defaults", () => {
    const result = validateConfig(POSTGRES_DESTINATION_SPEC, { host: "db", database: "wh", user: "weir", password: "pw" });
    expect(result).toEqual({ ok: true, value: parsePostgresDestinationConfig({ host: "db", database: "wh", user: "weir", password: "pw" }) });
    expect(validateConfig(POSTGRES_DESTINATION_SPEC, { host: "db", database: "wh", user: "weir", sslMode: "sometimes" }).ok).toBe(false);
  });
});

describe("sslOption", () => {
  const config = parsePostgresDestinationConfig({ host: "db", database: "wh", user: "weir" });
  it("follows libpq's sslmode meanings", () => {
    expect(sslOption(config, "disable")).toBe(false);
    expect(sslOption(config, "require")).toEqual({ rejectUnauthorized: false });
    expect(sslOption(config, "verify-full")).toMatchObject({ rejectUnauthorized: true });
    expect(sslOption(config, "verify-ca")).toHaveProperty("checkServerIdentity");
  });
});
