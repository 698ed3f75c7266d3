/**
 * Encryption of secret strings (connector passwords, tokens, private keys) for
 * storage in PostgreSQL, with AES-256-GCM under the key in WEIR_SECRET_KEY.
 *
 * A ciphertext is one string: `v1:<keyId>:<iv>:<tag>:<ct>` (base64url parts,
 * a fresh random 12-byte IV each time, the `v1:<keyId>` header authenticated
 * as associated data). The key id is a short hash of the key, so after a key
 * rotation (old key moved to WEIR_SECRET_KEY_PREVIOUS) each ciphertext is
 * decrypted with the key it was made with, and `reencryptSecret` moves it to
 * the current one. Messages never contain a key or a plaintext, and every
 * plaintext that passes through here is remembered by the scrubber
 * (src/lib/secret-scrub.ts), so no log line or stored error of this process
 * can carry it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/app-error";
import { rememberSecret } from "@/lib/secret-scrub";

export const SECRET_KEY_ENV = "WEIR_SECRET_KEY";
export const PREVIOUS_SECRET_KEY_ENV = "WEIR_SECRET_KEY_PREVIOUS";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FORMAT = "32 random bytes as base64url, base64 or 64 hex characters (e.g. `openssl rand -base64 32`)";
const BASE64URL = /^[A-Za-z0-9_-]*$/;

type TKey = { id: string; bytes: Buffer };
type TKeyring = { current: TKey; previous: TKey | undefined };

let cached: { raw: string; rawPrevious: string | undefined; ring: TKeyring } | undefined;

function keyId(bytes: Buffer): string {
  return createHash("sha256").update("weir secret key id\0").update(bytes).digest("base64url").slice(0, 8);
}

function parseKey(envName: string, raw: string): TKey {
  const text = raw.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) bytes = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) bytes = Buffer.from(text, "base64"); // Node's decoder takes both alphabets
  if (bytes?.length !== KEY_BYTES) {
    const got = bytes ? ` (it decodes to ${bytes.length} bytes)` : "";
    throw new AppError("UNAVAILABLE", `${envName} is not a valid key${got}: expected ${KEY_FORMAT}.`);
  }
  return { id: keyId(bytes), bytes };
}

/** The current and previous keys from the environment, parsed once per value. */
function keyring(): TKeyring {
  const raw = process.env[SECRET_KEY_ENV];
  const rawPrevious = process.env[PREVIOUS_SECRET_KEY_ENV]?.trim() || undefined;
  if (cached && cached.raw === raw && cached.rawPrevious === rawPrevious) return cached.ring;
  if (!raw?.trim()) {
    throw new AppError(
      "UNAVAILABLE",
      `${SECRET_KEY_ENV} is not set: Weir needs it to encrypt and decrypt connector secrets. Set it to ${KEY_FORMAT}; \`npm start\` generates one into the state folder.`,
    );
  }
  const ring = { current: parseKey(SECRET_KEY_ENV, raw), previous: rawPrevious ? parseKey(PREVIOUS_SECRET_KEY_ENV, rawPrevious) : undefined };
  cached = { raw, rawPrevious, ring };
  return ring;
}

function unreadable(reason: string, details: Record<string, unknown> = {}): AppError {
  // Not retryable: the same ciphertext fails the same way until someone fixes the key or re-enters the secret.
  return new AppError("SECRET_UNREADABLE", `A stored secret could not be decrypted: ${reason}`, { reason: "secret_undecryptable", ...details });
}

/** Throws the AppError a missing or malformed WEIR_SECRET_KEY (or WEIR_SECRET_KEY_PREVIOUS) would cause; for start-up checks. */
export function checkSecretKeys(): void {
  keyring();
}

/** Whether a value looks like a ciphertext of this module (a format check, not a decryption). */
export function isEncryptedSecret(value: unknown): value is string {
  return typeof value === "string" && /^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*$/.test(value);
}

/** Encrypts a secret under the current key; every call uses a fresh IV, so equal secrets give different ciphertexts. */
export function encryptSecret(plaintext: string): string {
  const { current } = keyring();
  rememberSecret(plaintext);
  const header = `${VERSION}:${current.id}`;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, current.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(header, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [header, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(":");
}

type TParsed = { keyId: string; iv: Buffer; tag: Buffer; ct: Buffer };

function parseCiphertext(ciphertext: string): TParsed {
  const parts = ciphertext.split(":");
  const [version, id, iv, tag, ct] = parts;
  const wellFormed = parts.length === 5 && version === VERSION && !!id && [id, iv, tag, ct].every((p) => p !== undefined && BASE64URL.test(p));
  const parsed = wellFormed
    ? { keyId: id!, iv: Buffer.from(iv!, "base64url"), tag: Buffer.from(tag!, "base64url"), ct: Buffer.from(ct!, "base64url") }
    : undefined;
  if (!parsed || parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw unreadable("it is not in Weir's format (v1:<key id>:<iv>:<tag>:<ciphertext>). Enter the secret again.");
  }
  return parsed;
}

function keyFor(ring: TKeyring, id: string): TKey {
  const key = [ring.current, ring.previous].find((k) => k?.id === id);
  if (key) return key;
  throw unreadable(
    `WEIR_SECRET_KEY changed? It was encrypted with key ${id}, but ${SECRET_KEY_ENV} is key ${ring.current.id}` +
      `${ring.previous ? ` and ${PREVIOUS_SECRET_KEY_ENV} is key ${ring.previous.id}` : ` and ${PREVIOUS_SECRET_KEY_ENV} is not set`}. ` +
      `Set the old key as ${PREVIOUS_SECRET_KEY_ENV}, or enter the secret again.`,
    { keyId: id },
  );
}

/** Decrypts a ciphertext made by `encryptSecret` with the current or the previous key, whichever made it. */
export function decryptSecret(ciphertext: string): string {
  const parsed = parseCiphertext(ciphertext);
  const key = keyFor(keyring(), parsed.keyId);
  try {
    const decipher = createDecipheriv(ALGORITHM, key.bytes, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${parsed.keyId}`, "utf8"));
    decipher.setAuthTag(parsed.tag);
    const plaintext = Buffer.concat([decipher.update(parsed.ct), decipher.final()]).toString("utf8");
    rememberSecret(plaintext);
    return plaintext;
  } catch {
    throw unreadable("it was altered or damaged (authentication failed). Enter the secret again.", { keyId: parsed.keyId });
  }
}

/** Whether a ciphertext was made with another key than the current one (a rotation has yet to reach it). */
export function needsReencryption(ciphertext: string): boolean {
  return parseCiphertext(ciphertext).keyId !== keyring().current.id;
}

/** The same secret under the current key; returns the input when it already is. For rotating stored secrets. */
export function reencryptSecret(ciphertext: string): string {
  return needsReencryption(ciphertext) ? encryptSecret(decryptSecret(ciphertext)) : ciphertext;
}
