/**
 * Lineage ingestion at a real producer's size: a COMPLETE RunEvent whose job
 * reads 5,000 datasets (each with a 6-column schema facet) into one output
 * (an 8-column schema), about 2 MB of JSON, posted to POST /api/v1/lineage
 * again and again as new runs of the same job (the first run creates the
 * datasets, the others update them and the 5,000 edges). The goal (issue 18):
 * under 1 s at p95. The reference, measured in the same run on the same
 * database: one transaction that only INSERTs the same rows (5,000
 * datasets, their 30,000 columns, 5,000 edges) into empty temporary copies
 * of the tables, each table in one statement: the floor of writing them.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";

import { timeMs } from "@/bench/catalog-report";

export type TIngestResults = { inputs: number; bytes: number; weir: number[]; bare: number[]; statuses: Record<number, number> };

const COLUMNS = ["id", "customer_id", "amount", "currency", "created_at", "updated_at"];
const PRODUCER = "https://github.com/weir-data/weir/tree/main/src/bench";
const SCHEMA_URL = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";

const inputName = (i: number) => `lake.raw.events_${String(i).padStart(5, "0")}`;

/** The wide event: `inputs` source tables into one output, as a new run of job bench.wide_join. */
export function wideEvent(inputs: number, runId = randomUUID()): Record<string, unknown> {
  const schema = (fields: string[]) => ({
    _producer: PRODUCER,
    _schemaURL: SCHEMA_URL,
    fields: fields.map((name) => ({ name, type: name.endsWith("_at") ? "timestamp" : name === "amount" ? "decimal(12,2)" : "bigint" })),
  });
  return {
    eventType: "COMPLETE",
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId },
    job: { namespace: "bench", name: "bench.wide_join" },
    inputs: Array.from({ length: inputs }, (_, i) => ({ namespace: "postgres://lake.bench:5432", name: inputName(i), facets: { schema: schema(COLUMNS) } })),
    outputs: [
      { namespace: "postgres://lake.bench:5432", name: "lake.mart.events_wide", facets: { schema: schema([...COLUMNS, "source_table", "loaded_at"]) } },
    ],
  };
}

/** The reference: the same rows INSERTed into empty temporary copies of the tables, in one transaction. */
async function bareInsert(client: pg.Client, inputs: number): Promise<void> {
  const datasets = JSON.stringify([...Array.from({ length: inputs }, (_, i) => ({ name: inputName(i) })), { name: "lake.mart.events_wide" }]);
  await client.query("BEGIN");
  try {
    await client.query(`CREATE TEMP TABLE ingest_ref_dataset (LIKE "Dataset" INCLUDING DEFAULTS) ON COMMIT DROP;
      CREATE TEMP TABLE ingest_ref_column (LIKE "DatasetColumn" INCLUDING DEFAULTS) ON COMMIT DROP;
      CREATE TEMP TABLE ingest_ref_edge (LIKE "LineageEdge" INCLUDING DEFAULTS) ON COMMIT DROP`);
    await client.query(
      `INSERT INTO ingest_ref_dataset (id, namespace, name, platform, kind, "updatedAt")
       SELECT gen_random_uuid(), 'postgres://lake.bench:5432', r.name, 'postgres', 'external', now() FROM jsonb_to_recordset($1::jsonb) AS r(name text)`,
      [datasets],
    );
    await client.query(
      `INSERT INTO ingest_ref_column (id, "datasetId", name, type, position)
       SELECT gen_random_uuid(), d.id, c.name, 'bigint', c.position FROM ingest_ref_dataset d CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS c(name, position)`,
      [COLUMNS],
    );
    await client.query(
      `INSERT INTO ingest_ref_edge (id, "jobId", "inputId", "outputId", "firstRunId", "lastRunId", "firstSeenAt", "lastSeenAt")
       SELECT gen_random_uuid(), gen_random_uuid(), d.id, o.id, $1::uuid, $1::uuid, now(), now()
       FROM ingest_ref_dataset d JOIN ingest_ref_dataset o ON o.name = 'lake.mart.events_wide' WHERE d.name <> 'lake.mart.events_wide'`,
      [randomUUID()],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
}

/**
 * Posts `runs` wide events through `post` (over HTTP with a token in the
 * full bench), alternating with the bare-INSERT reference so both see the
 * same load. A call that does not answer 201 is counted by its status.
 */
export async function benchIngest(opts: { client: pg.Client; post: (body: string) => Promise<number>; inputs: number; runs: number }): Promise<TIngestResults> {
  const results: TIngestResults = { inputs: opts.inputs, bytes: Buffer.byteLength(JSON.stringify(wideEvent(opts.inputs))), weir: [], bare: [], statuses: {} };
  for (let i = 0; i < opts.runs; i++) {
    const body = JSON.stringify(wideEvent(opts.inputs));
    let status = 0;
    const ms = await timeMs(async () => {
      status = await opts.post(body);
    });
    results.statuses[status] = (results.statuses[status] ?? 0) + 1;
    if (status === 201) results.weir.push(ms);
    results.bare.push(await timeMs(() => bareInsert(opts.client, opts.inputs)));
  }
  return results;
}
