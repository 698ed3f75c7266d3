/**
 * Job payloads carry ids, never configurations or secrets: graphile-worker
 * keeps payloads in PostgreSQL in clear, and operators read them. Every text
 * field of every job kind must refuse a URL with credentials (only uuids and
 * the sleep probe's marker are text), and no payload nests objects.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { findJobKind, jobKindNames } from "@/jobs/registry";

/** Free-text fields that are not ids, with why they cannot hold a secret. */
const FREE_TEXT = new Set(["system.sleep.marker"]); // a test probe's label, set by whoever enqueues the sleep

type TDef = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: TDef } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  return (def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType ? unwrap(def.innerType) : schema;
}

describe("job payloads", () => {
  it("hold ids and numbers only: no text field accepts a URL with credentials, no field is an object or a list", () => {
    const offending: string[] = [];
    for (const name of jobKindNames) {
      const payload = defOf(findJobKind(name)!.payload);
      expect(payload.type, name).toBe("object");
      for (const [key, field] of Object.entries(payload.shape ?? {})) {
        const inner = unwrap(field);
        const type = defOf(inner).type;
        const path = `${name}.${key}`;
        if (type === "string" && !FREE_TEXT.has(path) && inner.safeParse("https://user:s3cret@example.com/x").success)
          offending.push(`${path} accepts any text`);
        if (type !== "string" && type !== "number" && type !== "boolean") offending.push(`${path} is a ${type}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
