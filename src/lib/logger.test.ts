/**
 * Log hygiene: errors are serialized without driver internals, and secrets are
 * masked whether they sit in a field or in a URL inside a message.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LOGGER_OPTIONS, serializeError } from "@/lib/logger";
import { rememberSecret } from "@/lib/secret-scrub";

describe("serializeError", () => {
  it("keeps type, message, code and stack, and drops attached objects", () => {
    const err = Object.assign(new Error("terminating connection"), { code: "57P01", client: { password: "hunter2", huge: "x".repeat(1000) } });
    const out = serializeError(err);
    expect(out).toMatchObject({ type: "Error", message: "terminating connection", code: "57P01" });
    expect(JSON.stringify(out)).not.toContain("hunter2");
    expect(JSON.stringify(out)).not.toContain("huge");
  });

  it("masks passwords in URLs inside messages and causes", () => {
    const cause = new Error("connect to postgresql://weir:s3cret@db:5432/weir failed");
    const out = serializeError(new Error("start failed", { cause }));
    expect(JSON.stringify(out)).not.toContain("s3cret");
    expect(JSON.stringify(out)).toContain("postgresql://weir:[secret]@db:5432/weir");
  });

  it("redacts secret fields in log lines", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ ...LOGGER_OPTIONS, level: "info" }, sink);
    log.info({ password: "p4ss", user: { password: "p4ss2" }, headers: { cookie: "session=abc" } }, "x");
    log.error({ err: new Error("login to postgresql://u:p4ss3@h/db refused") }, "y");
    const text = lines.join("");
    expect(text).not.toMatch(/p4ss|session=abc/);
    expect(text).toContain("[secret]");
  });

  it("scrubs every finished line of secrets the process knows, in any field or message", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ ...LOGGER_OPTIONS, level: "info" }, sink);
    rememberSecret("remembered-by-the-box-42");
    log.warn({ receiverSaid: "echo remembered-by-the-box-42" }, 'delivery failed: {"authorization":"Bearer abc.def"} remembered-by-the-box-42');
    const text = lines.join("");
    expect(text).not.toMatch(/remembered-by-the-box-42|abc\.def/);
    expect(text.match(/\[secret\]/g)).toHaveLength(3);
  });
});
