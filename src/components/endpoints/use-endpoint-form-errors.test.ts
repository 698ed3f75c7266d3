import type { RJSFSchema } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { endpointFormErrors } from "@/components/endpoints/use-endpoint-form-errors";

const schema: RJSFSchema = { type: "object", properties: { host: { type: "string" }, auth: { type: "object", properties: { token: { type: "string" } } } } };

describe("endpointFormErrors", () => {
  it("places configuration problems on the form's fields and names the rest", () => {
    const error = {
      message: "Check the configuration: host: is required; auth.token: must be text; nope: is not a known setting.",
      data: {
        field: "config.host",
        fieldErrors: [
          { path: "config.host", message: "is required" },
          { path: "config.auth.token", message: "must be text" },
          { path: "config.nope", message: "is not a known setting" },
        ],
      },
    };
    expect(endpointFormErrors(error, schema)).toEqual({
      name: null,
      config: { host: { __errors: ["is required"] }, auth: { token: { __errors: ["must be text"] } } },
      general: "Nope is not a known setting.",
    });
  });

  it("puts a taken name or a name's zod issue beside the name", () => {
    expect(endpointFormErrors({ message: 'A source named "x" already exists. Pick another name.', data: { field: "name" } }, schema)).toEqual({
      name: 'A source named "x" already exists. Pick another name.',
      config: undefined,
      general: null,
    });
    expect(
      endpointFormErrors(
        { message: "Invalid input: name: Give it a name", data: { field: "name", fieldErrors: [{ path: "name", message: "Give it a name" }] } },
        schema,
      ).name,
    ).toBe("Give it a name.");
  });

  it("keeps a refusal about no field general", () => {
    expect(endpointFormErrors({ message: "Could not reach db:5432." }, schema)).toEqual({ name: null, config: undefined, general: "Could not reach db:5432." });
  });
});
