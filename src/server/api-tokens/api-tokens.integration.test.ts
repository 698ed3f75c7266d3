/**
 * API tokens on a real PostgreSQL: admins creating the same name at once get
 * one token and a CONFLICT naming the field, never a 500 (the fuzz tier found
 * the race once create took namespaces).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
});
afterAll(() => teardown());

describe("apiToken.create", () => {
  it("the same name created eight times at once: one token, seven CONFLICTs naming the name", async () => {
    const admin = callerFor(await buildUser({ role: "admin" }));
    const tries = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => admin.apiToken.create({ name: "airflow-prod", scopes: ["lineage:write"], namespaces: [`ns-${i}`] })),
    );
    const refused = tries.flatMap((t) =>
      t.status === "rejected" ? [{ code: (t.reason as { code?: string }).code, message: (t.reason as Error).message }] : [],
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    expect(refused).toEqual(Array.from({ length: 7 }, () => ({ code: "CONFLICT", message: 'name: a token named "airflow-prod" exists; pick another name.' })));
    expect(await db().apiToken.count({ where: { name: "airflow-prod" } })).toBe(1);
  });
});
