/**
 * Checks and incidents through the tRPC procedures, against a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let destinationId: string;
beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  destinationId = (await db().destination.create({ data: { name: "Quality warehouse", connector: "duckdb", config: {} } })).id;
});
afterAll(() => teardown());

describe("quality procedures", () => {
  it("creates checks, refuses bad ones naming the field, and filters the list", async () => {
    const engineer = callerFor(await buildUser({ role: "engineer" }));
    const check = await engineer.quality.createCheck({
      name: "email present",
      destinationId,
      datasetSchema: "silver",
      datasetTable: "customers",
      check: { kind: "not_null", column: "email" },
      mostly: 0.99,
    });
    expect(check).toMatchObject({
      dataset: "silver.customers",
      severity: "error",
      mostly: 0.99,
      results: [],
      openIncidentId: null,
      check: { kind: "not_null", column: "email" },
    });
    await engineer.quality.createCheck({
      name: "few rows",
      destinationId,
      datasetSchema: "silver",
      datasetTable: "orders",
      severity: "warn",
      check: { kind: "row_count", min: 1 },
    });
    await expect(
      engineer.quality.createCheck({
        name: "email present",
        destinationId,
        datasetSchema: "silver",
        datasetTable: "customers",
        check: { kind: "not_null", column: "email" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      engineer.quality.createCheck({ name: "x", destinationId, datasetSchema: "silver", datasetTable: "t", check: { kind: "row_count" } as never }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/minimum, a maximum or both/) });
    await expect(
      engineer.quality.createCheck({
        name: "x",
        destinationId,
        datasetSchema: "silver",
        datasetTable: "t",
        check: { kind: "regex", column: "c", pattern: "(" },
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/not a valid regular expression/) });
    await expect(
      engineer.quality.createCheck({
        name: "x",
        destinationId,
        datasetSchema: "silver",
        datasetTable: "t",
        mostly: 2,
        check: { kind: "not_null", column: "c" },
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/mostly/) });

    const viewer = callerFor(await buildUser({ role: "viewer" }));
    expect((await viewer.quality.checks({ severity: "warn" })).map((c) => c.name)).toEqual(["few rows"]);
    expect((await viewer.quality.checks({ dataset: "customers" })).map((c) => c.name)).toEqual(["email present"]);
    expect((await viewer.quality.checks({ status: "never" })).length).toBe(2);
    await expect(
      viewer.quality.createCheck({ name: "y", destinationId, datasetSchema: "s", datasetTable: "t", check: { kind: "not_null", column: "c" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("acknowledges and resolves incidents with who, when and why, and audits it", async () => {
    const user = await buildUser({ role: "engineer" });
    const api = callerFor(user);
    const check = await api.quality.createCheck({
      name: "ids unique",
      destinationId,
      datasetSchema: "silver",
      datasetTable: "ids",
      check: { kind: "unique", columns: ["id"] },
    });
    const incident = await db().incident.create({ data: { checkId: check.id } });
    expect((await api.quality.incidents({ status: "unresolved" })).map((i) => i.id)).toContain(incident.id);
    expect((await api.quality.check({ id: check.id })).openIncidentId).toBe(incident.id);

    const acked = await api.quality.acknowledge({ id: incident.id });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedBy: user.email });
    await expect(api.quality.acknowledge({ id: incident.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.quality.resolve({ id: incident.id, resolution: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/say why/),
    });
    const resolved = await api.quality.resolve({ id: incident.id, resolution: "Duplicates came from a one-off backfill; cleaned." });
    expect(resolved).toMatchObject({
      status: "resolved",
      resolvedBy: user.email,
      resolution: "Duplicates came from a one-off backfill; cleaned.",
      autoResolved: false,
    });
    expect(await db().auditEvent.findMany({ where: { targetId: incident.id }, select: { action: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { action: "incident.acknowledge" },
      { action: "incident.resolve" },
    ]);
  });
});
