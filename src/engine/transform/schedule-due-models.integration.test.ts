import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { scheduleDueModels } from "@/engine/transform/schedule-due-models";
import { setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
beforeAll(async () => ({ teardown } = await setUpTestApp()));
afterAll(() => teardown());

describe("scheduleDueModels", () => {
  it("starts one scheduled build per model whose cron fired, once per firing", async () => {
    const destination = await db().destination.create({ data: { name: "Scheduled warehouse", connector: "duckdb", config: {} } });
    const createdAt = new Date("2026-01-01T00:00:00Z");
    const base = { layer: "silver" as const, sql: "select 1 as x", destinationId: destination.id, schema: "silver", createdAt };
    await db().model.create({ data: { ...base, name: "hourly_m", schedule: "0 * * * *" } });
    await db().model.create({ data: { ...base, name: "manual_m", schedule: null } });
    expect(await scheduleDueModels(new Date("2026-01-01T05:10:00Z"))).toEqual(["hourly_m"]);
    expect(await scheduleDueModels(new Date("2026-01-01T05:40:00Z"))).toEqual([]); // same firing (05:00)
    expect(await scheduleDueModels(new Date("2026-01-01T06:00:30Z"))).toEqual(["hourly_m"]);
    expect(await db().transformRun.findMany({ where: { trigger: "schedule" }, select: { selector: true } })).toEqual([
      { selector: "hourly_m" },
      { selector: "hourly_m" },
    ]);
  });
});
