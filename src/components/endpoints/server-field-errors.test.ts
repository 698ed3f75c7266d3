import { describe, expect, it } from "vitest";
import { parseNamedErrors, toErrorSchema } from "@/components/endpoints/server-field-errors";

describe("parseNamedErrors", () => {
  it("reads each field of the endpoint store's message", () => {
    expect(parseNamedErrors("Check the configuration: host: is required; /auth/token: must be a string.")).toEqual([
      { path: ["host"], message: "is required" },
      { path: ["auth", "token"], message: "must be a string" },
    ]);
  });

  it("answers null for a message that names no fields", () => {
    expect(parseNamedErrors("A source named \"x\" already exists. Pick another name.")).toBeNull();
  });
});

describe("toErrorSchema", () => {
  it("places known fields and leaves the rest", () => {
    const schema = { type: "object", properties: { host: { type: "string" } } };
    const { errorSchema, unmatched } = toErrorSchema(schema, [{ path: ["host"], message: "bad" }, { path: ["nope"], message: "x" }]);
    expect(errorSchema).toEqual({ host: { __errors: ["bad"] } });
    expect(unmatched).toEqual([{ path: ["nope"], message: "x" }]);
  });

  it("addresses array items by index", () => {
    const schema = { type: "object", properties: { streams: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } } } };
    const { errorSchema } = toErrorSchema(schema, [{ path: ["streams", "0", "name"], message: "bad" }]);
    expect(errorSchema).toEqual({ streams: { 0: { name: { __errors: ["bad"] } } } });
  });
});
