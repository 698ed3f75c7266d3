/**
 * The hostile inputs issue 18 reported (each gave a 500 or was stored),
 * named one by one over HTTP: each is now a 400 that names the field, and
 * nothing of the refused lineage events is stored. The generated fuzz
 * (procedures.spec.ts, routes.spec.ts) covers them too; this spec keeps
 * the reported cases readable.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

import { weirRun } from "../support/weir";
import { collectIds } from "./fixture-ids";
import { type TCaller, callersOfEveryRole, messageOf, trpcCall } from "./fuzz-http";
import { deepValue, toJsonText, type TVariant } from "./hostile-inputs";
import { baselineEvent } from "./lineage-event-variants";

let callers: TCaller[];
let ids: Awaited<ReturnType<typeof collectIds>>["ids"];
let token: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const run = weirRun();
  const signedIn = await callersOfEveryRole(run);
  callers = signedIn.callers;
  ({ ids, lineageToken: token } = await collectIds(run.baseURL, signedIn.admin));
});

const as = (role: string) => callers.find((c) => c.role === role)!;
const variant = (value: unknown): TVariant => ({ label: "", field: "", value, mustRefuse: true, namesField: true, edge: false, realIds: true });

test("the tRPC inputs issue 18 reported are refused with 400 naming the field", async () => {
  const { baseURL } = weirRun();
  const cases: [string, string, "query" | "mutation", unknown, string][] = [
    ["viewer", "catalog.search", "query", { platform: ["duck\u0000db"] }, "platform.0"],
    ["admin", "audit.list", "query", { actor: "admin\u0000" }, "actor"],
    ["engineer", "catalog.update", "mutation", { id: ids.dataset, description: "half a pair \uD83D" }, "description"],
    ["admin", "apiToken.create", "mutation", { name: "air\u0000flow", scopes: ["lineage:read"] }, "name"],
    ["admin", "user.create", "mutation", { email: `nul-${randomUUID().slice(0, 8)}@example.com`, role: "viewer", name: "Ada\u0000" }, "name"],
    ["engineer", "model.create", "mutation", { name: "nul_model", layer: "silver", sql: "select '\u0000' as x", destinationId: ids.destination }, "sql"],
    ["viewer", "run.logs", "query", { id: ids.run ?? randomUUID(), afterId: "1234567890123456789012345678901234567890" }, "afterId"],
  ];
  for (const [role, path, type, input, field] of cases) {
    const answer = await trpcCall(baseURL, { path, type }, variant(input), as(role));
    expect(answer.status, `${path}: ${answer.text.slice(0, 200)}`).toBe(400);
    expect(messageOf(answer), path).toMatch(new RegExp(`^Invalid input: ${field.replace(/\./g, "\\.")}: `));
  }
});

test("the OpenLineage events issue 18 reported are refused with 400 naming the field, and nothing of them is stored", async () => {
  const { baseURL } = weirRun();
  const runId = randomUUID();
  const event = (change: (e: Record<string, any>) => void) => {
    const e = baselineEvent(runId) as Record<string, any>;
    change(e);
    return e;
  };
  const cases: [Record<string, unknown>, RegExp][] = [
    [event((e) => (e.job.name = "load\u0000orders")), /job\.name: contains a NUL/],
    [event((e) => (e.outputs[0].name = "orders\uDC00")), /outputs\[0\]\.name: contains a lone UTF-16 surrogate/],
    [event((e) => (e.job.name = "")), /job\.name: is required/],
    [event((e) => (e.inputs[0].name = "x".repeat(100_000))), /inputs\[0\]\.name: has at most 1,000 characters/],
    [event((e) => (e.outputs[0].facets.custom.nested = deepValue(5_000))), /body: the JSON nests deeper than 64 levels/],
  ];
  for (const [body, message] of cases) {
    const res = await fetch(`${baseURL}/api/v1/lineage`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: toJsonText(body),
    });
    const text = await res.text();
    expect(res.status, text.slice(0, 200)).toBe(400);
    expect((JSON.parse(text) as { error: string }).error).toMatch(message);
  }
  const graph = await fetch(`${baseURL}/api/v1/lineage?nodeId=${encodeURIComponent("dataset:fuzz-hostile:fuzz.public.target")}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(graph.status).toBe(404);
});
