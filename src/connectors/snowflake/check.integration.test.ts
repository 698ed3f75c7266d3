// `check` of the Snowflake destination against the emulator: what passes, and the messages of what cannot.
import { generateKeyPairSync } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkDestination } from "@/connectors/snowflake/check";
import { type TSnowflakeFixture, createSnowflakeFixture, emulatorQueries, testContext } from "@/connectors/snowflake/snowflake-fixture";
import { freePort } from "@/db/embedded-postgres";

let fx: TSnowflakeFixture;
beforeAll(async () => {
  fx = await createSnowflakeFixture();
});
afterAll(async () => {
  await fx?.teardown();
});

const keyPair = (passphrase?: string) =>
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: passphrase ? { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase } : { type: "pkcs8", format: "pem" },
  }).privateKey;

describe("Snowflake destination check", () => {
  it("signs in, uses the warehouse, database and schema, creates a probe table in it and in _WEIR, and leaves no probe behind", async () => {
    const before = (await emulatorQueries()).length;
    const result = await checkDestination(fx.config, testContext());
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/^Signed in to weir-test as weir; warehouse WEIR_WH, database WEIR_TEST_\w+ and schema PUBLIC are usable/),
    });
    const sent = (await emulatorQueries()).slice(before).map((q) => q.sqlText);
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^USE WAREHOUSE "WEIR_WH"/),
        expect.stringMatching(/^CREATE TRANSIENT TABLE "PUBLIC"\."_WEIR_CHECK_/),
        expect.stringMatching(/^CREATE TRANSIENT TABLE "_WEIR"\."_WEIR_CHECK_/),
      ]),
    );
    const probes = await fx.query("SELECT table_name FROM information_schema.tables WHERE STARTSWITH(table_name, '_WEIR_CHECK_')");
    expect(probes).toEqual([]);
  });

  // A plain name: fakesnow's login itself fails on a schema name that needs quotes (Snowflake's does not).
  it("creates a missing default schema", async () => {
    expect(await checkDestination({ ...fx.config, schema: "landing" }, testContext())).toMatchObject({ ok: true });
    expect(await fx.query("SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'LANDING'")).toEqual([{ schema_name: "LANDING" }]);
  });

  it("signs in with a key pair, plain or encrypted with a passphrase", async () => {
    expect(await checkDestination({ ...fx.config, authMethod: "key_pair", password: undefined, privateKey: keyPair() }, testContext())).toMatchObject({
      ok: true,
    });
    const encrypted = keyPair("open sesame");
    expect(
      await checkDestination({ ...fx.config, authMethod: "key_pair", privateKey: encrypted, privateKeyPassphrase: "open sesame" }, testContext()),
    ).toMatchObject({ ok: true });
    const wrong = await checkDestination({ ...fx.config, authMethod: "key_pair", privateKey: encrypted, privateKeyPassphrase: "guess" }, testContext());
    expect(wrong).toEqual({
      ok: false,
      message: "Snowflake destination: privateKey: the private key cannot be read: it is encrypted and the passphrase is missing or wrong.",
    });
    const garbage = await checkDestination({ ...fx.config, authMethod: "key_pair", privateKey: "not a key" }, testContext());
    expect(garbage).toEqual({ ok: false, message: "Snowflake destination: privateKey: the private key cannot be read: it is not a PEM private key." });
  });

  it("names a missing field of the chosen authentication", async () => {
    expect(await checkDestination({ ...fx.config, password: undefined }, testContext())).toEqual({
      ok: false,
      message: "Snowflake destination: password: set the password (or choose key pair authentication).",
    });
    expect(await checkDestination({ ...fx.config, authMethod: "key_pair", privateKey: undefined }, testContext())).toEqual({
      ok: false,
      message: "Snowflake destination: privateKey: paste the private key (PEM) for key pair authentication.",
    });
  });

  it("says when nothing listens at the address, or the host does not resolve, within the check's time and without the password", async () => {
    const started = Date.now();
    const refused = await checkDestination({ ...fx.config, accessUrl: `http://127.0.0.1:${await freePort()}` }, testContext());
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Snowflake destination weir-test\/WEIR_TEST_\w+, signing in: nothing is listening at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)\.$/,
      ),
    });
    const unknown = await checkDestination({ ...fx.config, accessUrl: "http://no-such-host.invalid" }, testContext());
    expect(unknown).toEqual({ ok: false, message: expect.stringMatching(/signing in: the host of http:\/\/no-such-host\.invalid does not resolve \(DNS\)/) });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(JSON.stringify([refused, unknown])).not.toContain("emulator-password");
  });
});
