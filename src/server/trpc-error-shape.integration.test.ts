/**
 * The error shape of the tRPC endpoint over HTTP, as the browser reads it:
 * a refusal names the input field it is about in `data.field` (an AppError's
 * `details.field`, or the first zod issue's path) and lists problems by path
 * in `data.fieldErrors`, so forms place them without reading messages. The
 * messages stay as they were.
 */
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as trpcRoute from "../../app/api/trpc/[trpc]/route";
import { serveRoutes, sessionCookie, trpcOverHttp, type THttpApp } from "@/server/testing/http-app";
import { buildUser, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let app: THttpApp;
let asAdmin: ReturnType<typeof trpcOverHttp>;

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  app = await serveRoutes({ "/api/trpc/": trpcRoute });
  asAdmin = trpcOverHttp(app, await sessionCookie(await buildUser({ role: "admin" })));
});
afterAll(async () => {
  await app.close();
  await teardown();
});

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCClientError) return { message: e.message, code: e.data?.code, field: e.data?.field, fieldErrors: e.data?.fieldErrors };
    throw e;
  }
  throw new Error("expected the call to be refused");
}

describe("tRPC error shape", () => {
  it("an AppError about a field carries the field; its message is unchanged", async () => {
    await asAdmin.apiToken.create.mutate({ name: "shape-taken", scopes: ["lineage:read"] });
    expect(await refusal(asAdmin.apiToken.create.mutate({ name: "shape-taken", scopes: ["lineage:read"] }))).toEqual({
      code: "CONFLICT",
      message: 'name: a token named "shape-taken" exists; pick another name.',
      field: "name",
      fieldErrors: undefined,
    });
  });

  it("zod issues carry their paths, the first as the field", async () => {
    expect(await refusal(asAdmin.apiToken.create.mutate({ name: "", scopes: [] }))).toEqual({
      code: "BAD_REQUEST",
      message: "Invalid input: name: is required; scopes: needs at least one scope",
      field: "name",
      fieldErrors: [
        { path: "name", message: "is required" },
        { path: "scopes", message: "needs at least one scope" },
      ],
    });
  });

  it("a configuration's problems are listed by path under config", async () => {
    const r = await refusal(asAdmin.source.create.mutate({ name: "shape-pg", connector: "postgres", config: { port: "x" } }));
    expect(r).toMatchObject({ code: "BAD_REQUEST", field: "config.host", message: expect.stringMatching(/^Check the configuration: host: is required/) });
    expect(r.fieldErrors).toContainEqual({ path: "config.host", message: "is required" });
  });

  it("a refusal about no field carries none", async () => {
    const viewer = trpcOverHttp(app, await sessionCookie(await buildUser({ role: "viewer" })));
    expect(await refusal(viewer.apiToken.create.mutate({ name: "x", scopes: ["lineage:read"] }))).toMatchObject({
      code: "FORBIDDEN",
      field: undefined,
      fieldErrors: undefined,
    });
  });
});
