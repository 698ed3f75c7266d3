import type { RJSFSchema } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { endpointFormErrors } from "@/components/endpoints/use-endpoint-form-errors";
import { refusal } from "@/components/forms/refusal-fixture";

const schema: RJSFSchema = { type: "object", properties: { host: { type: "string" }, auth: { type: "object", properties: { token: { type: "string" } } } } };

describe("endpointFormErrors", () => {
  it("places configuration problems on the form's fields and names the rest", () => {
    const error = refusal(
      "Check the configuration: host: is required; auth.token: must be text; nope: is not a known setting.",
      ["config.host: is required", "config.auth.token: must be text", "config.nope: is not a known setting"],
      "config.host",
    );
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
    expect(endpointFormErrors(refusal("Invalid input: name: Give it a name", ["name: Give it a name"], "name"), schema).name).toBe("Give it a name.");
  });

  it("keeps a refusal about no field general", () => {
    expect(endpointFormErrors({ message: "Could not reach db:5432." }, schema)).toEqual({ name: null, config: undefined, general: "Could not reach db:5432." });
  });
});
