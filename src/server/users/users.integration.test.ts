/**
 * User management through the tRPC procedures, against a real database:
 * creation and invitation, audit rows, role changes, deactivation, and the
 * guards that keep an admin in charge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { loadActiveUser } from "@/server/context";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";
import { verifyPassword } from "@/server/users/password";

let teardown: () => Promise<void>;
beforeAll(async () => ({ teardown } = await setUpTestApp()));
afterAll(() => teardown());

describe("user.create", () => {
  it("creates a user with a hashed password and audits who did it", async () => {
    const admin = await buildUser({ role: "admin" });
    const res = await callerFor(admin).user.create({ email: "  New.Analyst@Example.com ", role: "analyst", password: "a-long-password" });
    expect(res.user).toMatchObject({ email: "new.analyst@example.com", role: "analyst", active: true });
    expect(res.invitation).toBeNull();
    const row = await db().user.findUniqueOrThrow({ where: { id: res.user.id } });
    expect(row.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword("a-long-password", row.passwordHash!)).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: res.user.id, action: "user.create" } });
    expect(audit).toMatchObject({ actorId: admin.id, actorEmail: admin.email, targetType: "user" });
    expect(audit.diff).toMatchObject({ email: { from: null, to: "new.analyst@example.com" }, role: { from: null, to: "analyst" } });
    expect(JSON.stringify(audit.diff)).not.toContain("a-long-password");
  });

  it("invites when no password is given: no password at all, and a single-use link instead", async () => {
    const admin = await buildUser({ role: "admin" });
    const res = await callerFor(admin).user.create({ email: "invitee@example.com", role: "viewer" });
    expect(res.invitation?.link).toMatchObject({ purpose: "invite", path: expect.stringMatching(/^\/set-password#[A-Za-z0-9_-]{43}$/) });
    const row = await db().user.findUniqueOrThrow({ where: { id: res.user.id } });
    expect(row.passwordHash).toBeNull();
  });

  it("refuses a duplicate email with a clear conflict", async () => {
    const admin = await buildUser({ role: "admin" });
    await callerFor(admin).user.create({ email: "dup@example.com", role: "viewer", password: "password-1234" });
    await expect(callerFor(admin).user.create({ email: "DUP@example.com", role: "viewer", password: "password-1234" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A user with the email dup@example.com already exists.",
    });
  });

  it("rejects bad input naming the field", async () => {
    const admin = await buildUser({ role: "admin" });
    await expect(callerFor(admin).user.create({ email: "nope", role: "viewer" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(admin).user.create({ email: "ok@example.com", role: "viewer", password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("user.updateRole and user.setActive", () => {
  it("changes a role and records from → to", async () => {
    const admin = await buildUser({ role: "admin" });
    const target = await buildUser({ role: "viewer" });
    const updated = await callerFor(admin).user.updateRole({ userId: target.id, role: "engineer" });
    expect(updated.role).toBe("engineer");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: target.id, action: "user.update_role" } });
    expect(audit.diff).toEqual({ role: { from: "viewer", to: "engineer" } });
  });

  it("a deactivated user loses access on the next request", async () => {
    const admin = await buildUser({ role: "admin" });
    const target = await buildUser({ role: "engineer" });
    expect(await loadActiveUser(target.id)).not.toBeNull();
    await callerFor(admin).user.setActive({ userId: target.id, active: false });
    expect(await loadActiveUser(target.id)).toBeNull();
    expect(await db().auditEvent.count({ where: { targetId: target.id, action: "user.deactivate" } })).toBe(1);
  });

  it("an admin cannot demote or deactivate themselves", async () => {
    const admin = await buildUser({ role: "admin" });
    await expect(callerFor(admin).user.updateRole({ userId: admin.id, role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin).user.setActive({ userId: admin.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the last active admin cannot be demoted", async () => {
    await db().user.updateMany({ where: { role: "admin" }, data: { active: false } });
    const lastAdmin = await buildUser({ role: "admin" });
    const actor = await buildUser({ role: "admin" });
    await db().user.update({ where: { id: actor.id }, data: { active: false } });
    // The actor is inactive in the database but still holds a context: the guard must look at the data.
    await expect(callerFor(actor).user.updateRole({ userId: lastAdmin.id, role: "viewer" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: lastAdmin.id } })).role).toBe("admin");
  });

  it("an unknown user id is NOT_FOUND, not a crash", async () => {
    const admin = await buildUser({ role: "admin" });
    await expect(callerFor(admin).user.updateRole({ userId: "00000000-0000-4000-8000-0000000000ff", role: "viewer" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("audit.list", () => {
  it("filters by actor, target and time", async () => {
    const admin = await buildUser({ role: "admin", email: "auditor@example.com" });
    const before = new Date();
    const created = await callerFor(admin).user.create({ email: "audited@example.com", role: "viewer", password: "password-1234" });
    const byActor = await callerFor(admin).audit.list({ actor: "auditor@", limit: 50 });
    expect(byActor.events.map((e) => e.targetId)).toContain(created.user.id);
    expect(byActor.events.every((e) => e.actorEmail === "auditor@example.com")).toBe(true);
    const byTarget = await callerFor(admin).audit.list({ targetType: "user", targetId: created.user.id });
    expect(byTarget.events).toHaveLength(1);
    const future = await callerFor(admin).audit.list({ from: new Date(Date.now() + 60_000) });
    expect(future.events).toHaveLength(0);
    const since = await callerFor(admin).audit.list({ from: before, targetId: created.user.id });
    expect(since.events[0]?.action).toBe("user.create");
  });

  it("pages with a cursor, newest first", async () => {
    const admin = await buildUser({ role: "admin" });
    const first = await callerFor(admin).audit.list({ limit: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await callerFor(admin).audit.list({ limit: 2, cursor: first.nextCursor! });
    expect(BigInt(second.events[0]!.id)).toBeLessThan(BigInt(first.events[1]!.id));
  });
});
