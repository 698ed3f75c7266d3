/**
 * Test support: validates an answer of `GET /api/v1/lineage` against
 * Marquez's own OpenAPI spec (openapi.yml here, vendored with its
 * provenance in README.md). The spec's `GraphNode.data` discriminator
 * mapping is applied by the node's type (README.md says why ajv cannot).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse } from "yaml";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test support walking a parsed OpenAPI document
type TJson = Record<string, any>;
const SPEC_ID = "marquez-openapi.yml";

let compiled: { graph: ValidateFunction; data: Record<string, ValidateFunction> } | undefined;

function validators() {
  if (compiled) return compiled;
  const spec = parse(readFileSync(path.join(__dirname, "openapi.yml"), "utf8")) as TJson;
  const mapping = spec.components.schemas.GraphNode.properties.data.discriminator.mapping as Record<string, string>;
  // The node envelope keeps everything but `data`, which is checked by the mapping below.
  spec.components.schemas.GraphNode.properties.data = { type: "object" };
  // strict: false because OpenAPI adds keywords JSON Schema does not know (example, deprecated, discriminator).
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The spec's formats (ajv-formats is not a dependency of Weir's own).
  ajv.addFormat("date-time", (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("uri", (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
  ajv.addFormat("URL", (s: string) => URL.canParse(s));
  ajv.addSchema(spec, SPEC_ID);
  const ref = (pointer: string) => ajv.getSchema(`${SPEC_ID}${pointer}`)!;
  compiled = {
    graph: ref("#/components/schemas/LineageGraph"),
    data: Object.fromEntries(Object.entries(mapping).map(([type, pointer]) => [type, ref(pointer)])),
  };
  return compiled;
}

/** Every way `body` departs from the spec's LineageGraph, as `path: message`; empty when it conforms. */
export function marquezGraphErrors(body: unknown): string[] {
  const v = validators();
  const errors: string[] = [];
  if (!v.graph(body)) errors.push(...(v.graph.errors ?? []).map((e) => `${e.instancePath || "body"}: ${e.message}`));
  const nodes = (body as { graph?: unknown[] })?.graph;
  for (const [i, node] of (Array.isArray(nodes) ? nodes : []).entries()) {
    const { type, data } = node as { type?: string; data?: unknown };
    const validate = type ? v.data[type] : undefined;
    if (!validate) errors.push(`/graph/${i}/type: ${String(type)} is not a type the spec maps`);
    else if (!validate(data)) errors.push(...(validate.errors ?? []).map((e) => `/graph/${i}/data${e.instancePath}: ${e.message}`));
  }
  return errors;
}
