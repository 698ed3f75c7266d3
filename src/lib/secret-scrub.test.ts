/**
 * The one scrubber: named values in every form they are echoed in, secrets
 * the process remembered, URL userinfo, secret headers and query parameters.
 */
import { afterEach, describe, expect, it } from "vitest";
import { rememberSecret, scrubError, scrubSecrets, secretForms } from "@/lib/secret-scrub";

afterEach(() => {
  delete process.env.WEIR_SMTP_URL;
});

describe("scrubSecrets", () => {
  it("removes a named value as is, URL-encoded, JSON-escaped, base64 and line by line", () => {
    const secret = 'p"a/ss wörd\n-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-----';
    const text = [
      secret,
      encodeURIComponent(secret),
      JSON.stringify({ v: secret }),
      Buffer.from(secret).toString("base64"),
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
    ].join(" | ");
    const clean = scrubSecrets(text, [secret]);
    for (const form of secretForms(secret)) expect(clean).not.toContain(form);
    expect(clean).toContain("[secret]");
  });

  it("removes the password, path and query of a secret URL when only part of it is echoed", () => {
    const url = "https://user:pw-7781@hooks.example.com/services/T000/B000/XXXXSECRET?token=qq-991";
    const clean = scrubSecrets("404 for /services/T000/B000/XXXXSECRET?token=qq-991 (pw-7781, qq-991)", [url]);
    expect(clean).not.toMatch(/XXXXSECRET|pw-7781|qq-991/);
  });

  it("removes URL userinfo, secret headers and secret query parameters of values it was never told", () => {
    const clean = scrubSecrets(
      'GET http://alice:opensesame@h/x?api_key=k1k1&page=2 headers {"Authorization":"Basic YWxpY2U6b3Blbg==","x-api-key":"zz9","accept":"json"} cookie: sid=77',
    );
    expect(clean).not.toMatch(/opensesame|k1k1|YWxpY2U6b3Blbg|zz9|sid=77/);
    expect(clean).toContain("http://alice:[secret]@h/x?api_key=[secret]&page=2");
    expect(clean).toContain('"Authorization":"Basic [secret]"');
    expect(clean).toContain('"accept":"json"');
  });

  it("removes every secret the process remembered (4 characters and longer) and the SMTP URL's password", () => {
    rememberSecret("kept-in-mind-123");
    rememberSecret("abc");
    process.env.WEIR_SMTP_URL = "smtp://mailer:smtp-pass-55@127.0.0.1:2525";
    expect(scrubSecrets("a kept-in-mind-123 b abc c smtp-pass-55")).toBe("a [secret] b abc c [secret]");
  });

  it("leaves text without secrets alone, and scrubs an error's message and stack in place", () => {
    expect(scrubSecrets("connection refused to db:5432")).toBe("connection refused to db:5432");
    const err = scrubError(new Error("login as u with hush-hush-1 failed"), ["hush-hush-1"]);
    expect(err.message).toBe("login as u with [secret] failed");
    expect(err.stack).not.toContain("hush-hush-1");
  });
});
