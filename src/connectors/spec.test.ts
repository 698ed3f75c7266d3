/**
 * Connector specs: validation messages that name the field, and the secret
 * life cycle plain → sealed (stored) → masked (browser) → plain (worker).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskConfig, redactSecrets, resealConfig, sealConfig, secretFields, unsealConfig, validateConfig } from "@/connectors/spec";
import type { TConnectorSpec } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";

const SPEC: TConnectorSpec = {
  type: "object",
  title: "Test database",
  required: ["host", "database", "user"],
  additionalProperties: false,
  properties: {
    host: { type: "string", title: "Host", minLength: 1, order: 0 },
    port: { type: "integer", title: "Port", minimum: 1, maximum: 65535, default: 5432, examples: [5432] },
    database: { type: "string", title: "Database", minLength: 1 },
    user: { type: "string", title: "User", minLength: 1 },
    password: { type: "string", title: "Password", secret: true },
    ssl: { type: "boolean", title: "Use TLS", default: true },
    mode: { type: "string", enum: ["read", "write"], default: "read" },
    tunnel: {
      type: "object",
      title: "SSH tunnel",
      required: ["host", "privateKey"],
      additionalProperties: false,
      properties: {
        host: { type: "string", minLength: 1, description: "Bastion host" },
        port: { type: "integer", minimum: 1, maximum: 65535, default: 22 },
        privateKey: { type: "string", title: "Private key (PEM)", secret: true, minLength: 1 },
      },
    },
    endpoints: {
      type: "array",
      items: { type: "object", required: ["url"], properties: { url: { type: "string", format: "uri" }, token: { type: "string", secret: true } } },
    },
  },
};

const PASSWORD = "hunter2-Password!";
const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";
const TOKEN = "tok_abcdef123456";
const PLAIN = {
  host: "db.internal",
  port: 5432,
  database: "shop",
  user: "weir",
  password: PASSWORD,
  ssl: false,
  tunnel: { host: "bastion", privateKey: PRIVATE_KEY },
  endpoints: [{ url: "https://api.test", token: TOKEN }],
};

const savedKey = process.env.WEIR_SECRET_KEY;
beforeAll(() => void (process.env.WEIR_SECRET_KEY = randomBytes(32).toString("base64url")));
afterAll(() => void (savedKey === undefined ? delete process.env.WEIR_SECRET_KEY : (process.env.WEIR_SECRET_KEY = savedKey)));

const errorsOf = (config: unknown) => {
  const result = validateConfig(SPEC, config);
  if (result.ok) throw new Error("expected validation errors");
  return Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
};

describe("validateConfig", () => {
  it("accepts a valid configuration and applies defaults without touching the input", () => {
    const input = { host: "h", database: "d", user: "u", tunnel: { host: "b", privateKey: "k" } };
    const result = validateConfig(SPEC, input);
    expect(result).toEqual({ ok: true, value: { ...input, port: 5432, ssl: true, mode: "read", tunnel: { host: "b", privateKey: "k", port: 22 } } });
    expect(input).not.toHaveProperty("port");
  });

  it("names each field with a message for people, nested fields by dotted path", () => {
    expect(
      errorsOf({ port: 70000, database: "", user: "u", ssl: "yes", mode: "delete", colour: "red", tunnel: { port: 0 }, endpoints: [{ url: "nope" }] }),
    ).toEqual({
      host: "is required",
      port: "must be an integer between 1 and 65535",
      database: "must not be empty",
      ssl: "must be true or false",
      mode: "must be one of: read, write",
      colour: "is not a known setting",
      "tunnel.host": "is required",
      "tunnel.privateKey": "is required",
      "tunnel.port": "must be an integer between 1 and 65535",
      "endpoints.0.url": "must be a valid URL",
    });
    expect(errorsOf({ ...PLAIN, port: "5432" })).toEqual({ port: "must be an integer between 1 and 65535" });
    expect(errorsOf({ ...PLAIN, tunnel: { host: "b", privateKey: "" } })).toEqual({ "tunnel.privateKey": "must not be empty" });
    expect(errorsOf("not an object")).toEqual({ config: "must be an object" });
  });

  it("coerces nothing: numbers as text and booleans as text stay errors", () => {
    expect(Object.keys(errorsOf({ ...PLAIN, port: "5432", ssl: "true" }))).toEqual(["port", "ssl"]);
  });

  it("never quotes a secret value in a message", () => {
    const result = validateConfig(SPEC, { ...PLAIN, password: 12345678, tunnel: { host: "b", privateKey: 987654321 } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/12345678|987654321/);
  });

  it("counts stored secrets as present and keeps them; treats the placeholder as absent", () => {
    const sealed = sealConfig(SPEC, PLAIN);
    const result = validateConfig(SPEC, sealed);
    expect(result.ok && result.value.tunnel).toEqual({ ...(sealed.tunnel as object), port: 22 });
    expect(result.ok && result.value.password).toEqual(sealed.password);
    expect(errorsOf({ ...PLAIN, tunnel: { host: "b", privateKey: { $secretSet: true } } })).toEqual({ "tunnel.privateKey": "is required" });
  });

  it("says which spec is broken when a spec is not valid JSON Schema", () => {
    const broken: TConnectorSpec = { type: "object", title: "Broken", properties: { a: { type: "string", minLenght: 1 } } };
    expect(() => validateConfig(broken, {})).toThrow(/"Broken" is not a valid JSON Schema/);
  });
});

describe("secretFields", () => {
  it("lists top-level, nested and array-item secrets as dotted paths", () => {
    expect(secretFields(SPEC)).toEqual(["password", "tunnel.privateKey", "endpoints.*.token"]);
  });
});

describe("sealConfig / unsealConfig / maskConfig", () => {
  it("round-trips through the sealed form, which holds no plaintext", () => {
    const sealed = sealConfig(SPEC, PLAIN);
    const stored = JSON.stringify(sealed);
    for (const secret of [PASSWORD, PRIVATE_KEY.split("\n")[1]!, TOKEN]) expect(stored).not.toContain(secret);
    expect(sealed.password).toEqual({ $secret: expect.stringMatching(/^v1:/) });
    expect(sealed.host).toBe("db.internal");
    expect(unsealConfig(SPEC, sealed)).toEqual(PLAIN);
  });

  it("masks set secrets as { $secretSet: true } and drops unset ones, with no ciphertext or plaintext", () => {
    const sealed = sealConfig(SPEC, { ...PLAIN, endpoints: [{ url: "https://a.test" }, { url: "https://b.test", token: TOKEN }] });
    const masked = maskConfig(SPEC, sealed);
    expect(masked).toEqual({
      ...PLAIN,
      password: { $secretSet: true },
      tunnel: { host: "bastion", privateKey: { $secretSet: true } },
      endpoints: [{ url: "https://a.test" }, { url: "https://b.test", token: { $secretSet: true } }],
    });
    const json = JSON.stringify(masked);
    expect(json).not.toMatch(/\$secret"|v1:/);
    for (const secret of [PASSWORD, PRIVATE_KEY.split("\n")[1]!, TOKEN]) expect(json).not.toContain(secret);
    expect(maskConfig(SPEC, sealConfig(SPEC, { host: "h", database: "d", user: "u" }))).toEqual({ host: "h", database: "d", user: "u" });
  });

  it("masks ciphertexts outside the spec's secret fields too (a spec that changed)", () => {
    const sealed = sealConfig(SPEC, PLAIN);
    const json = JSON.stringify(maskConfig(SPEC, { ...sealed, oldSecret: sealed.password }));
    expect(json).not.toMatch(/\$secret"|v1:/);
  });

  it("keeps the previous secret when the browser sends the placeholder or omits it", () => {
    const before = sealConfig(SPEC, PLAIN);
    const fromBrowser: Record<string, unknown> = { ...maskConfig(SPEC, before), host: "db2.internal" };
    delete fromBrowser.endpoints;
    const after = sealConfig(SPEC, { ...fromBrowser, endpoints: [{ url: "https://api.test" }] }, before);
    expect(after.password).toEqual(before.password);
    expect(after.tunnel).toEqual(before.tunnel);
    expect(unsealConfig(SPEC, after)).toEqual({ ...PLAIN, host: "db2.internal" });
  });

  it("replaces a secret given a new value, and clears it on null or empty text", () => {
    const before = sealConfig(SPEC, PLAIN);
    const changed = sealConfig(SPEC, { ...maskConfig(SPEC, before), password: "new-password" }, before);
    expect(unsealConfig(SPEC, changed).password).toBe("new-password");
    expect(unsealConfig(SPEC, changed).tunnel).toEqual(PLAIN.tunnel);
    expect(sealConfig(SPEC, { ...PLAIN, password: null }, before)).not.toHaveProperty("password");
    expect(sealConfig(SPEC, { ...PLAIN, password: "" }, before)).not.toHaveProperty("password");
  });

  it("drops the secrets of an object the new configuration removes", () => {
    const before = sealConfig(SPEC, PLAIN);
    const { tunnel: _tunnel, ...withoutTunnel } = PLAIN;
    expect(sealConfig(SPEC, withoutTunnel, before)).not.toHaveProperty("tunnel");
  });

  it("leaves a placeholder with nothing saved unset", () => {
    expect(sealConfig(SPEC, { ...PLAIN, password: { $secretSet: true } })).not.toHaveProperty("password");
  });

  it("refuses ciphertexts and other non-text values from the caller, without echoing them", () => {
    const stolen = sealConfig(SPEC, PLAIN).password;
    for (const value of [stolen, 1234, { nested: PASSWORD }]) {
      try {
        sealConfig(SPEC, { ...PLAIN, password: value });
        throw new Error("expected a refusal");
      } catch (e) {
        expect(isAppError(e) && e.code).toBe("BAD_INPUT");
        expect((e as Error).message).toMatch(/^Check the configuration: password: must be text/);
        expect((e as Error).message).not.toMatch(/v1:|1234|hunter2/);
      }
    }
  });

  it("reseals every secret under the current key after a rotation", () => {
    const oldKey = process.env.WEIR_SECRET_KEY!;
    const sealed = sealConfig(SPEC, PLAIN);
    process.env.WEIR_SECRET_KEY = randomBytes(32).toString("hex");
    process.env.WEIR_SECRET_KEY_PREVIOUS = oldKey;
    try {
      const resealed = resealConfig(SPEC, sealed);
      delete process.env.WEIR_SECRET_KEY_PREVIOUS;
      expect(unsealConfig(SPEC, resealed)).toEqual(PLAIN);
    } finally {
      process.env.WEIR_SECRET_KEY = oldKey;
      delete process.env.WEIR_SECRET_KEY_PREVIOUS;
    }
  });
});

describe("redactSecrets", () => {
  it("replaces every secret value, and its URL- and JSON-escaped forms, with [secret]", () => {
    const text = [
      `password authentication failed for user "weir" (password "${PASSWORD}")`,
      `postgres://weir:${encodeURIComponent(PASSWORD)}@db.internal/shop`,
      `token=${TOKEN}; again ${TOKEN}`,
      `bad key line: ${PRIVATE_KEY.split("\n")[1]}`,
    ].join("\n");
    const clean = redactSecrets(SPEC, PLAIN, text);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), TOKEN, PRIVATE_KEY.split("\n")[1]!]) expect(clean).not.toContain(secret);
    expect(clean).toContain('user "weir" (password "[secret]")');
    expect(clean).toContain("token=[secret]; again [secret]");
    expect(clean).toContain("@db.internal/shop");
  });

  it("leaves text without secrets, and configurations without them, alone", () => {
    expect(redactSecrets(SPEC, PLAIN, "connection refused")).toBe("connection refused");
    expect(redactSecrets(SPEC, { host: "h" }, "connection refused to h")).toBe("connection refused to h");
  });
});
