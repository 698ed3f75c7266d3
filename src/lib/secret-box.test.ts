/**
 * secret-box: AES-256-GCM round trips, a fresh IV each time, tamper
 * detection, key rotation through WEIR_SECRET_KEY_PREVIOUS, and messages that
 * name the setting but never the key or the plaintext.
 */
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/app-error";
import { checkSecretKeys, decryptSecret, encryptSecret, isEncryptedSecret, needsReencryption, reencryptSecret } from "@/lib/secret-box";

const KEY_A = randomBytes(32).toString("base64url");
const KEY_B = randomBytes(32).toString("base64");
const KEY_HEX = randomBytes(32).toString("hex");
const PLAIN = "s3cr3t-pässword:with:colons";

const saved = { current: process.env.WEIR_SECRET_KEY, previous: process.env.WEIR_SECRET_KEY_PREVIOUS };

function setKeys(current: string | undefined, previous?: string): void {
  if (current === undefined) delete process.env.WEIR_SECRET_KEY;
  else process.env.WEIR_SECRET_KEY = current;
  if (previous === undefined) delete process.env.WEIR_SECRET_KEY_PREVIOUS;
  else process.env.WEIR_SECRET_KEY_PREVIOUS = previous;
}

/** The AppError `fn` throws (fails the test when it throws none or another kind). */
function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

/** The ciphertext with one byte of one part (2 = iv, 3 = tag, 4 = ct) flipped. */
function flipByte(ciphertext: string, part: 2 | 3 | 4): string {
  const parts = ciphertext.split(":");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(":");
}

beforeEach(() => setKeys(KEY_A));
afterEach(() => setKeys(saved.current, saved.previous));

describe("encryptSecret / decryptSecret", () => {
  it("round-trips text, including empty and non-ASCII", () => {
    for (const text of [PLAIN, "", "-----BEGIN KEY-----\nabc\n-----END KEY-----\n", "🔑".repeat(1000)]) {
      expect(decryptSecret(encryptSecret(text))).toBe(text);
    }
  });

  it("writes v1:<keyId>:<iv>:<tag>:<ct> and never the plaintext", () => {
    const ct = encryptSecret(PLAIN);
    expect(ct).toMatch(/^v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(ct).not.toContain(PLAIN);
    expect(isEncryptedSecret(ct)).toBe(true);
    expect(isEncryptedSecret(PLAIN)).toBe(false);
  });

  it("uses a different IV every time", () => {
    const cts = Array.from({ length: 50 }, () => encryptSecret(PLAIN));
    expect(new Set(cts.map((c) => c.split(":")[2])).size).toBe(50);
    expect(new Set(cts).size).toBe(50);
  });

  it("accepts keys as base64url, base64 and hex", () => {
    for (const key of [KEY_A, KEY_B, KEY_HEX, `  ${KEY_HEX}\n`]) {
      setKeys(key);
      expect(decryptSecret(encryptSecret(PLAIN))).toBe(PLAIN);
    }
  });

  it.each([
    { part: 2, name: "iv" },
    { part: 3, name: "tag" },
    { part: 4, name: "ct" },
  ] as const)("detects a flipped byte in the $name", ({ part }) => {
    const e = thrown(() => decryptSecret(flipByte(encryptSecret(PLAIN), part)));
    expect(e.code).toBe("SECRET_UNREADABLE");
    expect(e.message).toMatch(/^A stored secret could not be decrypted: it was altered or damaged/);
    expect(e.message).not.toContain(PLAIN);
  });

  it("detects a swapped key id, a truncated tag and text that is not a ciphertext", () => {
    const ct = encryptSecret(PLAIN);
    setKeys(KEY_A, KEY_B);
    const otherId = encryptSecret("x").split(":")[1]; // still key A's id
    const [v, , iv, tag, body] = ct.split(":");
    expect(thrown(() => decryptSecret([v, "zzzzzzzz", iv, tag, body].join(":"))).message).toMatch(/WEIR_SECRET_KEY changed\?/);
    expect(thrown(() => decryptSecret([v, otherId, iv, tag!.slice(0, 10), body].join(":"))).message).toMatch(/not in Weir's format/);
    for (const bad of [PLAIN, "v2:a:b:c:d", `${ct}:extra`, ct.replace(/:[^:]+$/, ":!!")]) {
      const e = thrown(() => decryptSecret(bad));
      expect(e.code).toBe("SECRET_UNREADABLE");
      expect(e.message).not.toContain(PLAIN);
    }
  });

  it("fails with a clear message under another key, naming neither key", () => {
    const ct = encryptSecret(PLAIN);
    setKeys(KEY_B);
    const e = thrown(() => decryptSecret(ct));
    expect(e.code).toBe("SECRET_UNREADABLE");
    expect(e.message).toMatch(/^A stored secret could not be decrypted: WEIR_SECRET_KEY changed\?/);
    expect(e.message).toContain("WEIR_SECRET_KEY_PREVIOUS");
    for (const secret of [PLAIN, KEY_A, KEY_B]) expect(e.message).not.toContain(secret);
  });
});

describe("key rotation", () => {
  it("decrypts with WEIR_SECRET_KEY_PREVIOUS what the old key encrypted, and new secrets with the new key", () => {
    const old = encryptSecret(PLAIN);
    setKeys(KEY_B, KEY_A);
    expect(decryptSecret(old)).toBe(PLAIN);
    const fresh = encryptSecret(PLAIN);
    expect(fresh.split(":")[1]).not.toBe(old.split(":")[1]);
    setKeys(KEY_B);
    expect(decryptSecret(fresh)).toBe(PLAIN);
  });

  it("re-encrypts old ciphertexts under the current key and leaves current ones alone", () => {
    const old = encryptSecret(PLAIN);
    setKeys(KEY_B, KEY_A);
    expect(needsReencryption(old)).toBe(true);
    const moved = reencryptSecret(old);
    expect(needsReencryption(moved)).toBe(false);
    expect(reencryptSecret(moved)).toBe(moved);
    setKeys(KEY_B);
    expect(decryptSecret(moved)).toBe(PLAIN);
  });
});

describe("key configuration", () => {
  it("names the setting and the expected format when the key is missing", () => {
    setKeys(undefined);
    const e = thrown(() => encryptSecret(PLAIN));
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.message).toMatch(/^WEIR_SECRET_KEY is not set/);
    expect(e.message).toMatch(/32 random bytes as base64url, base64 or 64 hex characters/);
    expect(e.message).not.toContain(PLAIN);
    expect(thrown(() => checkSecretKeys()).code).toBe("UNAVAILABLE");
  });

  it("refuses keys of the wrong size or alphabet without repeating them", () => {
    for (const bad of ["too-short", randomBytes(16).toString("base64url"), randomBytes(48).toString("hex"), "not base64 at all!!".repeat(3)]) {
      setKeys(bad);
      const e = thrown(() => encryptSecret(PLAIN));
      expect(e.code).toBe("UNAVAILABLE");
      expect(e.message).toMatch(/^WEIR_SECRET_KEY is not a valid key/);
      expect(e.message).not.toContain(bad);
    }
  });

  it("refuses a malformed previous key by its own name", () => {
    setKeys(KEY_A, "nope");
    const e = thrown(() => checkSecretKeys());
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.message).toMatch(/^WEIR_SECRET_KEY_PREVIOUS is not a valid key/);
  });
});
