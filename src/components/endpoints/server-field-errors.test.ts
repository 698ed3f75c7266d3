import { describe, expect, it } from "vitest";
import { toErrorSchema } from "@/components/endpoints/server-field-errors";

describe("toErrorSchema", () => {
  it("places known fields and leaves the rest", () => {
    const schema = { type: "object", properties: { host: { type: "string" } } };
    const { errorSchema, unmatched } = toErrorSchema(schema, [
      { path: ["host"], message: "bad" },
      { path: ["nope"], message: "x" },
    ]);
    expect(errorSchema).toEqual({ host: { __errors: ["bad"] } });
    expect(unmatched).toEqual([{ path: ["nope"], message: "x" }]);
  });

  it("addresses array items by index", () => {
    const schema = { type: "object", properties: { streams: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } } } };
    const { errorSchema } = toErrorSchema(schema, [{ path: ["streams", "0", "name"], message: "bad" }]);
    expect(errorSchema).toEqual({ streams: { 0: { name: { __errors: ["bad"] } } } });
  });
});
