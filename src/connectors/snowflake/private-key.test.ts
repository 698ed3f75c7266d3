// Reading the Snowflake private key: a wrong passphrase is always named as such, never as "not a PEM key".
import { generateKeyPairSync } from "node:crypto";

import { describe, expect, it } from "vitest";

import { privateKeyPem } from "@/connectors/snowflake/config";

const encrypted = generateKeyPairSync("rsa", {
  modulusLength: 1024,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "open sesame" },
}).privateKey;

const base = {
  account: "a",
  user: "u",
  warehouse: "w",
  database: "d",
  schema: "PUBLIC",
  authMethod: "key_pair" as const,
  queryTag: "weir",
  fileMb: 64,
  privateKey: encrypted,
};

describe("privateKeyPem", () => {
  // About 1 wrong passphrase in 256 passes the CBC padding check and fails later, in the ASN.1 parse:
  // 1,000 of them make that case near certain (99.8%) to occur here.
  it("names a wrong passphrase as such for every wrong passphrase, and a missing one", () => {
    const reasons = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      try {
        privateKeyPem({ ...base, privateKeyPassphrase: `guess-${i}` });
        reasons.add("read");
      } catch (e) {
        reasons.add((e as Error).message);
      }
    }
    expect([...reasons]).toEqual([
      "Snowflake destination: privateKey: the private key cannot be read: it is encrypted and the passphrase is missing or wrong.",
    ]);
    expect(() => privateKeyPem({ ...base })).toThrow("it is encrypted and the passphrase is missing or wrong");
  });

  it("reads the key with the right passphrase, and names text that is no key", () => {
    expect(privateKeyPem({ ...base, privateKeyPassphrase: "open sesame" })).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(() => privateKeyPem({ ...base, privateKey: "not a key" })).toThrow("it is not a PEM private key");
  });
});
