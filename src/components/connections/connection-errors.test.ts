import { describe, expect, it } from "vitest";
import { connectionErrors } from "@/components/connections/connection-errors";
import type { TServerError } from "@/components/forms/field-errors";

/** A server refusal: its message, the field it names, and zod-style issues as "path: message". */
function refusal(message: string, field?: string, issues: string[] = []): TServerError {
  const fieldErrors = issues.map((issue) => {
    const [path, ...rest] = issue.split(": ");
    return { path: path!, message: rest.join(": ") };
  });
  return { message, data: { field: field ?? null, fieldErrors } };
}

describe("connectionErrors", () => {
  it("places the store's stream problems by stream name", () => {
    const e = connectionErrors(
      refusal(
        "Check the streams: public.orders: incremental modes need a cursor field (candidates: updated_at); x: the source has no such stream.",
        "streams",
        ["streams.0: incremental modes need a cursor field (candidates: updated_at)", "streams.1: the source has no such stream"],
      ),
      ["public.orders", "x"],
    );
    expect(e.streams).toEqual({ "public.orders": "Incremental modes need a cursor field (candidates: updated_at).", x: "The source has no such stream." });
    expect(e.general).toBe("Fix the streams marked below.");
  });

  it("places zod paths on fields and streams, as sentences", () => {
    const e = connectionErrors(
      refusal("Invalid input", undefined, ["namespace: has at most 63 characters", "streams.1.cursorField: is required", "other: is odd"]),
      ["a", "b"],
    );
    expect(e.fields.namespace).toBe("Namespace has at most 63 characters.");
    expect(e.streams.b).toBe("Cursor field is required.");
    expect(e.general).toBe("Other is odd.");
  });

  it("puts schedule and name errors beside their fields", () => {
    expect(connectionErrors(refusal('schedule: "x" must have five fields', "schedule"), []).fields.schedule).toBe('"x" must have five fields.');
    expect(connectionErrors(refusal('A connection named "a" already exists. Pick another name.', "name"), []).fields.name).toBe(
      'A connection named "a" already exists. Pick another name.',
    );
    expect(connectionErrors({ message: "No such connection." }, [])).toEqual({ fields: {}, streams: {}, general: "No such connection." });
  });
});
