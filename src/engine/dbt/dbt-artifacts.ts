/**
 * Reads a dbt project's artifacts, `manifest.json` (schema v10–v12: dbt 1.6
 * and later) and optionally `run_results.json`, into what Weir imports:
 * models and seeds with their SQL, columns, owner and upstream, sources,
 * generic tests mapped onto Weir's check kinds (anything else kept as a
 * custom check with dbt's compiled SQL), and the results of the last
 * invocation. Validated with zod: a file that is not a dbt artifact is
 * refused with the field at fault named.
 */
import { z } from "zod";

import { AppError } from "@/lib/app-error";
import type { TCheckKind } from "@/engine/quality/check-definition";

const ZColumn = z.object({ name: z.string(), description: z.string().default(""), data_type: z.string().nullish() }).passthrough();
const ZColumns = z.record(z.string(), ZColumn).default({});

const ZNode = z
  .object({
    unique_id: z.string(),
    resource_type: z.string(),
    name: z.string(),
    database: z.string().nullish(),
    schema: z.string(),
    alias: z.string().nullish(),
    description: z.string().default(""),
    columns: ZColumns,
    meta: z.record(z.string(), z.unknown()).default({}),
    config: z.object({ materialized: z.string().optional(), severity: z.string().optional(), unique_key: z.unknown().optional() }).passthrough().default({}),
    depends_on: z
      .object({ nodes: z.array(z.string()).default([]) })
      .passthrough()
      .default({ nodes: [] }),
    raw_code: z.string().default(""),
    compiled_code: z.string().nullish(),
    original_file_path: z.string().default(""),
    test_metadata: z
      .object({ name: z.string(), kwargs: z.record(z.string(), z.unknown()).default({}) })
      .passthrough()
      .nullish(),
    attached_node: z.string().nullish(),
    column_name: z.string().nullish(),
  })
  .passthrough();

const ZSource = z
  .object({
    unique_id: z.string(),
    source_name: z.string(),
    name: z.string(),
    database: z.string().nullish(),
    schema: z.string(),
    identifier: z.string(),
    description: z.string().default(""),
    source_description: z.string().default(""),
    columns: ZColumns,
  })
  .passthrough();

const ZManifest = z
  .object({
    metadata: z
      .object({
        dbt_schema_version: z.string().regex(/\/manifest\/v(1[0-9]|[2-9][0-9])\.json$/, "a dbt manifest of schema v10 or later (dbt 1.6+)"),
        dbt_version: z.string(),
        project_name: z.string().optional(),
        generated_at: z.string().optional(),
        invocation_id: z.string().nullish(),
      })
      .passthrough(),
    nodes: z.record(z.string(), ZNode),
    sources: z.record(z.string(), ZSource).default({}),
  })
  .passthrough();

const ZRunResults = z
  .object({
    metadata: z
      .object({
        dbt_schema_version: z.string().regex(/\/run-results\/v\d+\.json$/, "a dbt run_results.json"),
        generated_at: z.string(),
        invocation_id: z.string().nullish(),
      })
      .passthrough(),
    results: z.array(
      z
        .object({
          unique_id: z.string(),
          status: z.string(),
          execution_time: z.number().default(0),
          message: z.string().nullish(),
          failures: z.number().nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

export type TDbtColumn = { name: string; description: string; dataType: string | null };

export type TDbtModel = {
  uniqueId: string;
  name: string;
  /** model, seed or snapshot. */
  kind: string;
  database: string | null;
  schema: string;
  relation: string;
  materialization: string;
  description: string;
  owner: string | null;
  sql: string;
  /** dbt's compiled SQL, when the manifest has it (after `dbt compile`, `run` or `build`). */
  compiledSql: string | null;
  path: string;
  columns: TDbtColumn[];
  /** unique ids of the models, seeds and sources it reads. */
  upstream: string[];
};

export type TDbtSource = {
  uniqueId: string;
  sourceName: string;
  name: string;
  database: string | null;
  schema: string;
  relation: string;
  description: string;
  columns: TDbtColumn[];
};

export type TDbtTest = {
  uniqueId: string;
  name: string;
  /** The model, seed or source it tests. */
  attachedTo: string | null;
  column: string | null;
  severity: "warn" | "error";
  /** The test as a Weir check where there is one; otherwise a custom check running dbt's compiled SQL (absent until compiled). */
  check: TCheckKind | null;
};

export type TDbtResult = { uniqueId: string; status: string; seconds: number; message: string | null; failures: number | null };

export type TDbtImport = {
  dbtVersion: string;
  project: string | null;
  models: TDbtModel[];
  sources: TDbtSource[];
  tests: TDbtTest[];
  results: TDbtResult[];
  /** When the results were produced (run_results.json), if given. */
  resultsAt: Date | null;
  /** The invocation that produced the results (run_results.json metadata.invocation_id, else its generated_at): one result per test and invocation. */
  resultsInvocation: string | null;
  /** When dbt wrote the manifest (its lineage is dated then). */
  manifestAt: Date;
  /** The invocation that wrote the manifest (metadata.invocation_id, else its generated_at). */
  manifestInvocation: string;
};

function parsed<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new AppError(
    "BAD_INPUT",
    `${file}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}. Upload the file dbt wrote to its target folder.`,
  );
}

const columnsOf = (columns: z.infer<typeof ZColumns>): TDbtColumn[] =>
  Object.values(columns).map((c) => ({ name: c.name, description: c.description, dataType: c.data_type ?? null }));

const relationOf = (database: string | null | undefined, schema: string, name: string) => [database, schema, name].filter(Boolean).join(".");

/** `ref('name')` or `source('a', 'b')` as written in a relationships test's `to`. */
function refTarget(to: unknown): { schema?: string; table: string } | null {
  if (typeof to !== "string") return null;
  const ref = /ref\(\s*['"]([^'"]+)['"]\s*\)/.exec(to);
  if (ref) return { table: ref[1]! };
  const source = /source\(\s*['"][^'"]+['"]\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(to);
  return source ? { table: source[1]! } : null;
}

/** dbt's generic test as a Weir check, when Weir has the kind. */
function checkOf(test: z.infer<typeof ZNode>, models: Map<string, TDbtModel>): TCheckKind | null {
  const meta = test.test_metadata;
  const column = (test.column_name ?? (meta?.kwargs.column_name as string | undefined)) || null;
  if (meta && column) {
    switch (meta.name) {
      case "not_null":
        return { kind: "not_null", column };
      case "unique":
        return { kind: "unique", columns: [column] };
      case "accepted_values": {
        const values = meta.kwargs.values;
        if (Array.isArray(values)) return { kind: "accepted_values", column, values: values.map(String) };
        break;
      }
      case "relationships": {
        const target = refTarget(meta.kwargs.to);
        const parent = target && [...models.values()].find((m) => m.name === target.table);
        if (parent && typeof meta.kwargs.field === "string")
          return { kind: "relationships", column, toSchema: parent.schema, toTable: parent.relation.split(".").pop()!, toColumn: meta.kwargs.field };
        break;
      }
    }
  }
  return test.compiled_code ? { kind: "custom_sql", sql: test.compiled_code } : null;
}

export function readDbtArtifacts(manifestJson: unknown, runResultsJson?: unknown): TDbtImport {
  const manifest = parsed(ZManifest, manifestJson, "manifest.json");
  const models = new Map<string, TDbtModel>();
  for (const node of Object.values(manifest.nodes)) {
    if (!["model", "seed", "snapshot"].includes(node.resource_type)) continue;
    const owner = node.meta.owner ?? (node.config.meta as Record<string, unknown> | undefined)?.owner;
    models.set(node.unique_id, {
      uniqueId: node.unique_id,
      name: node.name,
      kind: node.resource_type,
      database: node.database ?? null,
      schema: node.schema,
      relation: relationOf(node.database, node.schema, node.alias ?? node.name),
      materialization: node.config.materialized ?? node.resource_type,
      description: node.description,
      owner: typeof owner === "string" ? owner : null,
      sql: node.raw_code,
      compiledSql: node.compiled_code ?? null,
      path: node.original_file_path,
      columns: columnsOf(node.columns),
      upstream: node.depends_on.nodes,
    });
  }
  const sources = Object.values(manifest.sources).map((s) => ({
    uniqueId: s.unique_id,
    sourceName: s.source_name,
    name: s.name,
    database: s.database ?? null,
    schema: s.schema,
    relation: relationOf(s.database, s.schema, s.identifier),
    description: s.description || s.source_description,
    columns: columnsOf(s.columns),
  }));
  const tests = Object.values(manifest.nodes)
    .filter((n) => n.resource_type === "test")
    .map((n) => ({
      uniqueId: n.unique_id,
      name: n.name,
      attachedTo: n.attached_node ?? n.depends_on.nodes[0] ?? null,
      column: n.column_name ?? null,
      severity: (n.config.severity ?? "ERROR").toLowerCase() === "warn" ? ("warn" as const) : ("error" as const),
      check: checkOf(n, models),
    }));
  const runResults = runResultsJson === undefined ? null : parsed(ZRunResults, runResultsJson, "run_results.json");
  return {
    dbtVersion: manifest.metadata.dbt_version,
    project: manifest.metadata.project_name ?? null,
    models: [...models.values()],
    sources,
    tests,
    results: (runResults?.results ?? []).map((r) => ({
      uniqueId: r.unique_id,
      status: r.status,
      seconds: r.execution_time,
      message: r.message ?? null,
      failures: r.failures ?? null,
    })),
    resultsAt: runResults ? new Date(runResults.metadata.generated_at) : null,
    resultsInvocation: runResults ? (runResults.metadata.invocation_id ?? `generated_at:${runResults.metadata.generated_at}`) : null,
    manifestInvocation: manifest.metadata.invocation_id ?? `generated_at:${manifest.metadata.generated_at ?? ""}`,
    manifestAt:
      manifest.metadata.generated_at && !Number.isNaN(Date.parse(manifest.metadata.generated_at)) ? new Date(manifest.metadata.generated_at) : new Date(),
  };
}
