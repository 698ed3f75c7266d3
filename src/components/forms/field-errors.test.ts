import { describe, expect, it } from "vitest";
import { formErrors, issueSentence, labelOfPath, refusalMessage, sentence } from "@/components/forms/field-errors";
import { refusal } from "@/components/forms/refusal-fixture";

const form = { fieldOf: (path: string) => (["name", "password", "scopes"].includes(path.split(".")[0]!) ? path.split(".")[0]! : null) };

describe("formErrors", () => {
  it("places zod issues beside their fields, as sentences", () => {
    const error = refusal(
      "Invalid input: password: has at least 10 characters; scopes.0: must be one of a, b",
      ["password: has at least 10 characters", "scopes.0: must be one of a, b"],
      "password",
    );
    expect(formErrors(error, form)).toEqual({
      fields: { password: "Password has at least 10 characters.", scopes: "Scopes must be one of a, b." },
      general: null,
    });
  });

  it("joins problems on one field and keeps those on no field of the form general", () => {
    const error = refusal("Invalid input", ["name: is required", "name: contains a NUL character", "other.field: Give it a value"]);
    expect(formErrors(error, form)).toEqual({ fields: { name: "Name is required. Name contains a NUL character." }, general: "Give it a value." });
  });

  it("places an AppError on the field it names, without the field its message starts with", () => {
    expect(formErrors({ message: 'name: a token named "x" exists; pick another name.', data: { field: "name" } }, form)).toEqual({
      fields: { name: 'A token named "x" exists; pick another name.' },
      general: null,
    });
    expect(formErrors({ message: 'A connection named "x" already exists. Pick another name.', data: { field: "name" } }, form).fields.name).toBe(
      'A connection named "x" already exists. Pick another name.',
    );
  });

  it("keeps the message of a refusal about no field of the form, and reads nothing from it", () => {
    expect(formErrors({ message: "modelId: no model with that id.", data: { field: "modelId" } }, form)).toEqual({
      fields: {},
      general: "modelId: no model with that id.",
    });
    expect(formErrors({ message: "name: looks like a field but is not named one", data: null }, form)).toEqual({
      fields: {},
      general: "name: looks like a field but is not named one",
    });
  });

  it("is empty without an error", () => {
    expect(formErrors(null, form)).toEqual({ fields: {}, general: null });
  });
});

describe("refusalMessage", () => {
  it("says a refusal as sentences for a single alert", () => {
    expect(refusalMessage(refusal("Invalid input: password: has at least 10 characters", ["password: has at least 10 characters"], "password"))).toBe(
      "Password has at least 10 characters.",
    );
    expect(refusalMessage({ message: 'id: "orders_ok" was removed from its dbt project; Weir does not run it.', data: { field: "id" } })).toBe(
      '"orders_ok" was removed from its dbt project; Weir does not run it.',
    );
    expect(refusalMessage({ message: "This needs the admin role.", data: { field: undefined } })).toBe("This needs the admin role.");
    expect(refusalMessage(null)).toBeNull();
  });
});

describe("sentences", () => {
  it("starts a message phrased to follow the field with the field's label, and leaves a whole one alone", () => {
    expect(issueSentence({ path: "password", message: "has at least 10 characters" })).toBe("Password has at least 10 characters.");
    expect(issueSentence({ path: "check.column", message: "name a column" })).toBe("Name a column.");
    expect(issueSentence({ path: "token", message: "is not a complete link" }, () => "This link")).toBe("This link is not a complete link.");
  });

  it("labels a path by its last named part", () => {
    expect(labelOfPath("check.maxAgeSeconds")).toBe("Max age seconds");
    expect(labelOfPath("destinationId")).toBe("Destination");
    expect(labelOfPath("streams.1.cursorField")).toBe("Cursor field");
    expect(labelOfPath("")).toBe("This value");
  });

  it("capitalizes and ends with a full stop once", () => {
    expect(sentence("a model exists")).toBe("A model exists.");
    expect(sentence("Done!")).toBe("Done!");
  });
});
