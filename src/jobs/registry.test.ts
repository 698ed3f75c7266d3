/**
 * The job registry without a database: declarations, payload validation and
 * the crontab built from the kinds.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isAppError } from "@/lib/app-error";
import { defineJob } from "@/jobs/define-job";
import { cronItemsFromKinds, enqueueJob, findJobKind, jobKindNames, jobKinds, parseJobPayload, parsedCronItems } from "@/jobs/registry";

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("defineJob", () => {
  it("defaults maxAttempts to 10 and cron to none", () => {
    const k = defineJob({ kind: "test.do-thing", description: "t", payload: z.object({}) });
    expect(k.maxAttempts).toBe(10);
    expect(k.cron).toEqual([]);
  });

  it("rejects names that are not domain.verb-noun", () => {
    expect(() => defineJob({ kind: "NoDomain", description: "t", payload: z.object({}) })).toThrow(/domain\.verb-noun/);
    expect(() => defineJob({ kind: "a.b", description: "t", payload: z.object({}), maxAttempts: 0 })).toThrow(/maxAttempts/);
  });
});

describe("registry", () => {
  it("indexes every kind by name", () => {
    expect(jobKindNames).toContain("system.sleep");
    expect(jobKinds["system.sleep"].maxAttempts).toBe(3);
    expect(findJobKind("system.noop")?.kind).toBe("system.noop");
    expect(findJobKind("toString")).toBeUndefined();
  });
});

describe("parseJobPayload", () => {
  it("applies schema defaults", () => {
    expect(parseJobPayload("system.prune-heartbeats", {})).toEqual({ olderThanHours: 24 });
  });

  it("throws BAD_INPUT naming the bad field", () => {
    const e = caught(() => parseJobPayload("system.sleep", { ms: "soon" }));
    expect(isAppError(e) && e.code).toBe("BAD_INPUT");
    expect(isAppError(e) && e.message).toMatch(/"ms"/);
    expect(isAppError(e) && e.details?.field).toBe("ms");
  });

  it("throws BAD_INPUT for an unknown kind", () => {
    const e = caught(() => parseJobPayload("system.nope" as "system.noop", {}));
    expect(isAppError(e) && e.message).toMatch(/Unknown job kind "system.nope"/);
  });
});

describe("enqueueJob", () => {
  it("rejects a bad payload before touching the queue", async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      await expect(enqueueJob("system.sleep", { ms: -5 })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "ms" } });
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});

describe("cron", () => {
  it("turns declared schedules into graphile-worker cron items", () => {
    const items = cronItemsFromKinds();
    expect(items).toContainEqual(expect.objectContaining({ task: "system.prune-heartbeats", match: "7 * * * *", identifier: "system.prune-heartbeats" }));
    expect(new Set(items.map((i) => i.identifier)).size).toBe(items.length);
  });

  it("names further schedules of one kind kind#index", () => {
    const k = defineJob({
      kind: "test.tick",
      description: "t",
      payload: z.object({ n: z.number() }),
      cron: [
        { match: "* * * * *", payload: { n: 1 } },
        { match: "0 * * * *", payload: { n: 2 } },
      ],
    });
    expect(cronItemsFromKinds([k]).map((i) => i.identifier)).toEqual(["test.tick", "test.tick#1"]);
  });

  it("parses the whole crontab", () => {
    expect(parsedCronItems().length).toBe(cronItemsFromKinds().length);
  });
});
