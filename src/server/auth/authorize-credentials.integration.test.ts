/**
 * Sign-in checks against a real database: the right password signs in, the
 * wrong one, an unknown email and a deactivated user all get the same vague
 * answer, and guessing is cut off by the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/app-error";
import { authorizeCredentials, BAD_CREDENTIALS } from "@/server/auth/authorize-credentials";
import { buildUser, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
beforeAll(async () => ({ teardown } = await setUpTestApp()));
afterAll(() => teardown());

describe("authorizeCredentials", () => {
  it("signs in with the right password, case-insensitive email", async () => {
    const user = await buildUser({ role: "engineer", email: "eng@example.com", password: "correct horse" });
    await expect(authorizeCredentials({ email: "ENG@example.com", password: "correct horse" }, "10.0.0.1")).resolves.toMatchObject({
      id: user.id,
      role: "engineer",
    });
  });

  it("answers the same for a wrong password, an unknown email and a deactivated user", async () => {
    await buildUser({ email: "gone@example.com", password: "pw-123456789", active: false });
    for (const creds of [
      { email: "eng@example.com", password: "nope" },
      { email: "ghost@example.com", password: "nope" },
      { email: "gone@example.com", password: "pw-123456789" },
    ]) {
      await expect(authorizeCredentials(creds, "10.0.0.2")).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: BAD_CREDENTIALS });
    }
  });

  it("rejects malformed input without touching the database", async () => {
    await expect(authorizeCredentials({ email: "x" }, "10.0.0.3")).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("limits guessing per email, even with the right password after the limit", async () => {
    await buildUser({ email: "target@example.com", password: "the-real-password" });
    const limit = Number(process.env.WEIR_SIGNIN_ATTEMPTS ?? 10);
    for (let i = 0; i < limit; i++) {
      await expect(authorizeCredentials({ email: "target@example.com", password: `guess-${i}` }, `10.1.0.${i}`)).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    }
    const blocked = await authorizeCredentials({ email: "target@example.com", password: "the-real-password" }, "10.2.0.1").catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(AppError);
    expect(blocked).toMatchObject({ code: "RATE_LIMITED" });
    expect((blocked as AppError).message).toMatch(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
  });

  it("limits guessing per IP across many emails", async () => {
    const limit = Number(process.env.WEIR_SIGNIN_ATTEMPTS ?? 10);
    for (let i = 0; i < limit; i++) {
      await authorizeCredentials({ email: `spray-${i}@example.com`, password: "x" }, "10.9.9.9").catch(() => undefined);
    }
    await expect(authorizeCredentials({ email: "spray-last@example.com", password: "x" }, "10.9.9.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("counts failures per IP: many people signing in from one address are not locked out", async () => {
    const limit = Number(process.env.WEIR_SIGNIN_ATTEMPTS ?? 10);
    for (let i = 0; i <= limit; i++) {
      await buildUser({ email: `office-${i}@example.com`, password: "their-password" });
      await expect(authorizeCredentials({ email: `office-${i}@example.com`, password: "their-password" }, "10.7.7.7")).resolves.toMatchObject({
        email: `office-${i}@example.com`,
      });
    }
    for (let i = 0; i < limit; i++) await authorizeCredentials({ email: `office-${i}@example.com`, password: "wrong" }, "10.7.7.7").catch(() => undefined);
    await expect(authorizeCredentials({ email: "office-0@example.com", password: "their-password" }, "10.7.7.7")).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});
