/**
 * Hostile OpenLineage events for POST /api/v1/lineage. Its schema is the
 * OpenLineage JSON Schema, not zod, so the variants start from a valid
 * RunEvent (a job with an input and an output with schema, documentation
 * and a custom facet) and make each string in it hostile in turn, the job
 * and dataset names also empty and 100,000 characters long; then a custom
 * facet nested 5,000 levels deep and wrong types. Every variant must be
 * refused, so the spec can check that nothing of them was stored.
 */
import { deepValue, type TVariant } from "./hostile-inputs";

const PRODUCER = "https://example.com/weir-fuzz";
const SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
const facetBase = (name: string) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-1-0/${name}.json#/$defs/${name}` });

/** A valid event in namespace `fuzz-hostile`: never sent as is. */
export function baselineEvent(runId: string): Record<string, unknown> {
  return {
    eventType: "COMPLETE",
    eventTime: "2026-01-01T00:00:00Z",
    producer: PRODUCER,
    schemaURL: SCHEMA_URL,
    run: { runId },
    job: { namespace: "fuzz-hostile", name: "fuzz.hostile.job" },
    inputs: [{ namespace: "fuzz-hostile", name: "fuzz.public.source" }],
    outputs: [
      {
        namespace: "fuzz-hostile",
        name: "fuzz.public.target",
        facets: {
          schema: { ...facetBase("SchemaDatasetFacet"), fields: [{ name: "id", type: "bigint", description: "the id" }] },
          documentation: { ...facetBase("DocumentationDatasetFacet"), description: "a dataset" },
          custom: { _producer: PRODUCER, _schemaURL: "https://example.com/custom.json", note: "hello" },
        },
      },
    ],
  };
}

/** Every string leaf of a JSON value with its path. */
function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === "string") return [path];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withValue(root: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, any>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
  return copy;
}

const NAMES = /^(job|inputs\.\d+|outputs\.\d+)\.(namespace|name)$/;

export function lineageEventVariants(runId: string, seed: number): TVariant[] {
  const base = baselineEvent(runId);
  const out: TVariant[] = [];
  const add = (label: string, field: string, value: unknown) =>
    out.push({ label, field, value, mustRefuse: true, namesField: false, edge: false, realIds: true });
  for (const p of stringLeaves(base)) {
    const field = p.join(".");
    add(`${field}: NUL`, field, withValue(base, p, `fuzz\u0000${seed % 1000}`));
    add(`${field}: a lone surrogate`, field, withValue(base, p, "fuzz\uD800"));
    if (NAMES.test(field)) {
      add(`${field}: empty`, field, withValue(base, p, ""));
      add(`${field}: 100,000 characters`, field, withValue(base, p, "x".repeat(100_000)));
    }
  }
  add("a custom facet nested 5,000 levels deep", "outputs.0.facets.custom", withValue(base, ["outputs", "0", "facets", "custom", "nested"], deepValue(5_000)));
  add(
    "a key with NUL in a custom facet",
    "outputs.0.facets.custom",
    withValue(base, ["outputs", "0", "facets", "custom"], { _producer: PRODUCER, _schemaURL: "https://example.com/custom.json", "k\u0000": 1 }),
  );
  add("job: a string", "job", withValue(base, ["job"], "x"));
  add("inputs: 40 digits", "inputs", withValue(base, ["inputs"], Number("1234567890123456789012345678901234567890")));
  add("run: null", "run", withValue(base, ["run"], null));
  add("an array of events", "", [base]);
  add("not JSON", "", undefined);
  return out;
}
