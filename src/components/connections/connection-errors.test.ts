import { describe, expect, it } from "vitest";
import { connectionErrors } from "@/components/connections/connection-errors";

describe("connectionErrors", () => {
  it("places the store's stream problems by stream name", () => {
    const e = connectionErrors({ message: "Check the streams: public.orders: incremental modes need a cursor field (candidates: updated_at); x: nope." }, ["public.orders"]);
    expect(e.streams["public.orders"]).toBe("incremental modes need a cursor field (candidates: updated_at)");
    expect(e.general).toBe("x: nope");
  });

  it("places zod paths on fields and streams", () => {
    const e = connectionErrors({ message: "Invalid input", data: { fieldErrors: [{ path: "namespace", message: "too long" }, { path: "streams.1.stream", message: "empty" }] } }, ["a", "b"]);
    expect(e.fields.namespace).toBe("too long");
    expect(e.streams.b).toBe("empty");
  });

  it("puts schedule and name errors beside their fields", () => {
    expect(connectionErrors({ message: 'schedule: "x" must have five fields' }, []).fields.schedule).toBe('"x" must have five fields');
    expect(connectionErrors({ message: 'A connection named "a" already exists. Pick another name.' }, []).fields.name).toMatch(/already exists/);
  });
});
