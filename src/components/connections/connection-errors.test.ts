import { describe, expect, it } from "vitest";
import { connectionErrors } from "@/components/connections/connection-errors";

describe("connectionErrors", () => {
  it("places the store's stream problems by stream name", () => {
    const e = connectionErrors(
      {
        message: "Check the streams: public.orders: incremental modes need a cursor field (candidates: updated_at); x: the source has no such stream.",
        data: {
          field: "streams",
          fieldErrors: [
            { path: "streams.0", message: "incremental modes need a cursor field (candidates: updated_at)" },
            { path: "streams.1", message: "the source has no such stream" },
          ],
        },
      },
      ["public.orders", "x"],
    );
    expect(e.streams).toEqual({ "public.orders": "Incremental modes need a cursor field (candidates: updated_at).", x: "The source has no such stream." });
    expect(e.general).toBe("Fix the streams marked below.");
  });

  it("places zod paths on fields and streams, as sentences", () => {
    const e = connectionErrors(
      {
        message: "Invalid input",
        data: {
          fieldErrors: [
            { path: "namespace", message: "has at most 63 characters" },
            { path: "streams.1.cursorField", message: "is required" },
            { path: "other", message: "is odd" },
          ],
        },
      },
      ["a", "b"],
    );
    expect(e.fields.namespace).toBe("Namespace has at most 63 characters.");
    expect(e.streams.b).toBe("Cursor field is required.");
    expect(e.general).toBe("Other is odd.");
  });

  it("puts schedule and name errors beside their fields", () => {
    expect(connectionErrors({ message: 'schedule: "x" must have five fields', data: { field: "schedule" } }, []).fields.schedule).toBe(
      '"x" must have five fields.',
    );
    expect(connectionErrors({ message: 'A connection named "a" already exists. Pick another name.', data: { field: "name" } }, []).fields.name).toBe(
      'A connection named "a" already exists. Pick another name.',
    );
    expect(connectionErrors({ message: "No such connection." }, [])).toEqual({ fields: {}, streams: {}, general: "No such connection." });
  });
});
