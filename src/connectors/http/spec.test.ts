// HTTP_SPEC: a valid JSON Schema for Weir's validator, whose secrets the sealing code finds, in step with config.ts.
import { describe, expect, it } from "vitest";

import { parseHttpConfig } from "@/connectors/http/config";
import { HTTP_SPEC } from "@/connectors/http/spec";
import { secretFields, validateConfig } from "@/connectors/spec";

const FULL = {
  baseUrl: "https://api.example.test/v1",
  auth: { type: "basic", username: "ann", password: "pw" },
  headers: { "X-Tenant": "acme" },
  timeoutSeconds: 10,
  maxRetries: 3,
  streams: [
    {
      name: "orders",
      path: "/orders",
      params: { status: "all" },
      recordsPath: "data.items",
      primaryKey: ["id"],
      pagination: { type: "cursor", cursorPath: "meta.next", param: "after" },
      incremental: { cursorField: "updated_at", param: "updated_since" },
    },
    { name: "users", path: "/users", pagination: { type: "offset", limit: 50 } },
  ],
};

describe("HTTP_SPEC", () => {
  it("marks the three credentials as secrets", () => {
    expect(secretFields(HTTP_SPEC).sort()).toEqual(["auth.headerValue", "auth.password", "auth.token"]);
  });

  it("accepts a full configuration, which config.ts parses with its defaults", () => {
    const validated = validateConfig(HTTP_SPEC, FULL);
    expect(validated.ok).toBe(true);
    const parsed = parseHttpConfig(validated.ok ? validated.value : null);
    expect(parsed.streams[1]?.pagination).toEqual({ type: "offset", offsetParam: "offset", limitParam: "limit", limit: 50 });
    expect(parsed.auth).toEqual({ type: "basic", username: "ann", password: "pw" });
  });

  it("rejects what config.ts rejects, naming the field", () => {
    const bad = { ...FULL, streams: [{ name: "1bad", path: "/x" }] };
    const validated = validateConfig(HTTP_SPEC, bad);
    expect(validated.ok).toBe(false);
    expect(validated.ok ? [] : validated.errors.map((e) => e.field)).toEqual(["streams.0.name"]);
    expect(() => parseHttpConfig(bad)).toThrow(/streams\.0\.name/);
  });

  it("keeps only the chosen auth type's fields", () => {
    const parsed = parseHttpConfig({ ...FULL, auth: { type: "bearer", token: "t", username: "left over", password: "old" } });
    expect(parsed.auth).toEqual({ type: "bearer", token: "t" });
  });
});
