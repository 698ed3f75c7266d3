/**
 * Every field of every procedure's and route's input schema is bounded: a
 * string by a maximum length (or a format, pattern or list of values that
 * bounds it), a number by a minimum and a maximum, an array by a maximum
 * number of items. A field added without a bound fails here, before the
 * fuzz tier has to find what a 100,000-character name does to PostgreSQL.
 * Free-form JSON (configs, artifacts) is bounded by the input rules' depth
 * and text checks instead (src/lib/input-rules.ts).
 */
import { describe, expect, it } from "vitest";

import { type TJsonSchema, inputSchemas } from "@/server/testing/input-schemas";

/** Each unbounded field under `schema`, as `path: what is missing`. */
function unbounded(schema: TJsonSchema, path: string, out: string[] = []): string[] {
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const branch of (schema[key] as TJsonSchema[] | undefined) ?? []) unbounded(branch, path, out);
  if (schema.const !== undefined || schema.enum) return out;
  switch (schema.type) {
    case "string":
      if (schema.maxLength === undefined && !schema.format && !schema.pattern) out.push(`${path}: a string without a maximum length`);
      break;
    case "number":
    case "integer":
      if ((schema.minimum ?? schema.exclusiveMinimum) === undefined || (schema.maximum ?? schema.exclusiveMaximum) === undefined)
        out.push(`${path}: a number without a minimum and a maximum`);
      break;
    case "array":
      if (schema.maxItems === undefined) out.push(`${path}: an array without a maximum number of items`);
      if (schema.items) unbounded(schema.items as TJsonSchema, `${path}.0`, out);
      break;
    case "object":
      for (const [key, child] of Object.entries((schema.properties as Record<string, TJsonSchema> | undefined) ?? {}))
        unbounded(child, path ? `${path}.${key}` : key, out);
      if (schema.propertyNames) unbounded(schema.propertyNames as TJsonSchema, `${path}.(key)`, out);
      if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        unbounded(schema.additionalProperties as TJsonSchema, `${path}.*`, out);
      break;
  }
  return out;
}

describe("input bounds", () => {
  const { procedures, routes } = inputSchemas();

  it("reads the schema of every procedure", () => {
    expect(procedures.length).toBeGreaterThan(90);
    expect(procedures.filter((p) => p.input).length).toBeGreaterThan(60);
  });

  it("every string, number and array in every input is bounded", () => {
    const problems = [
      ...procedures.flatMap((p) => (p.input ? unbounded(p.input, "").map((m) => `${p.path} ${m}`) : [])),
      ...Object.entries(routes).flatMap(([route, schema]) => unbounded(schema, "").map((m) => `${route} ${m}`)),
    ];
    expect(problems).toEqual([]);
  });

  it("catches an unbounded field", () => {
    expect(
      unbounded(
        {
          type: "object",
          properties: { name: { type: "string" }, n: { type: "integer", minimum: 0 }, xs: { type: "array", items: { type: "string", maxLength: 5 } } },
        },
        "",
      ),
    ).toEqual(["name: a string without a maximum length", "n: a number without a minimum and a maximum", "xs: an array without a maximum number of items"]);
  });
});
