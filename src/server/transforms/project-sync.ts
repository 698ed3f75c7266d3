/**
 * Models kept as files in a project folder (reviewed in git) and synced
 * into Weir. The folder (WEIR_MODELS_DIR on the server; never a path from
 * the browser) holds:
 *
 *   weir_project.yml              destination: <destination name>
 *   models/<layer>/<name>.sql     the model's SQL (dbt syntax; config() inside works)
 *   models/<layer>/<name>.yml     optional: description, owner, materialization,
 *                                 unique_key, schedule, schema, columns: {name: description}
 *
 * <layer> is bronze, silver or gold (sub-folders below it are fine). A sync
 * creates and updates the models the files describe (origin "file:<path>")
 * and deletes file models whose files are gone; models made in the UI are
 * never touched, and a file may not take a UI model's name. Models are
 * written in dependency order so every ref exists when it is checked.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

import { parse as parseYaml } from "yaml";
import { z } from "zod";

import { db } from "@/db/client";
import { ModelGraph } from "@/engine/transform/model-graph";
import { readModelTemplate } from "@/engine/transform/model-template";
import { AppError } from "@/lib/app-error";
import type { TAuditActor } from "@/db/write-audit";
import { ZModelFields } from "@/server/transforms/model-contracts";
import { createModel, deleteModel, updateModel } from "@/server/transforms/model-store";
import { setting } from "@/lib/env";

const LAYERS = ["bronze", "silver", "gold"] as const;

const ZProject = z.object({ destination: z.string().min(1, "names the destination models are built in") });

const ZProperties = z
  .object({
    description: z.string().default(""),
    owner: z.string().nullable().default(null),
    materialization: z.enum(["view", "table", "incremental"]).optional(),
    unique_key: z.union([z.string(), z.array(z.string())]).optional(),
    schedule: z.string().nullable().default(null),
    schema: z.string().optional(),
    columns: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type TProjectSyncResult = { created: string[]; updated: string[]; unchanged: string[]; deleted: string[] };

function fail(file: string, problem: string): never {
  throw new AppError("BAD_INPUT", `${file}: ${problem}`);
}

function parsedYaml<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    fail(file, `not valid YAML (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
  }
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    fail(file, `${issue.path.join(".") || "the file"}: ${issue.message}`);
  }
  return result.data;
}

type TFileModel = z.output<typeof ZModelFields> & { file: string };

async function readProject(folder: string): Promise<{ destinationName: string; models: TFileModel[] }> {
  const projectFile = path.join(folder, "weir_project.yml");
  const projectText = await readFile(projectFile, "utf8").catch(() =>
    fail("weir_project.yml", `not found in ${folder}; it says which destination the models are built in`),
  );
  const project = parsedYaml(ZProject, projectText, "weir_project.yml");
  const destination = await db().destination.findUnique({ where: { name: project.destination } });
  if (!destination) fail("weir_project.yml", `there is no destination named "${project.destination}"`);

  const modelsDir = path.join(folder, "models");
  const entries = (await readdir(modelsDir, { recursive: true }).catch(() => [] as string[]))
    .map(String)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const models: TFileModel[] = [];
  for (const relative of entries) {
    const file = path.posix.join("models", relative.split(path.sep).join("/"));
    const layer = relative.split(/[\\/]/)[0] as (typeof LAYERS)[number];
    if (!LAYERS.includes(layer)) fail(file, `models live under models/bronze, models/silver or models/gold, not models/${layer}`);
    const name = path.basename(relative, ".sql");
    const sql = await readFile(path.join(modelsDir, relative), "utf8");
    const propsText = await readFile(path.join(modelsDir, relative.replace(/\.sql$/, ".yml")), "utf8").catch(() => "");
    const props = parsedYaml(ZProperties, propsText, file.replace(/\.sql$/, ".yml"));
    const fields = ZModelFields.safeParse({
      name,
      layer,
      sql,
      destinationId: destination.id,
      description: props.description,
      owner: props.owner,
      materialization: props.materialization ?? "view",
      uniqueKey: typeof props.unique_key === "string" ? [props.unique_key] : (props.unique_key ?? []),
      schedule: props.schedule,
      schema: props.schema,
      columnDescriptions: props.columns,
    });
    if (!fields.success) fail(file, `${fields.error.issues[0]!.path.join(".")}: ${fields.error.issues[0]!.message}`);
    models.push({ ...fields.data, file });
  }
  const seen = new Map<string, string>();
  for (const m of models) {
    if (seen.has(m.name)) fail(m.file, `a second model named "${m.name}" (also ${seen.get(m.name)})`);
    seen.set(m.name, m.file);
  }
  return { destinationName: project.destination, models };
}

export async function syncModelProject(folder: string, actor: TAuditActor, requestId?: string): Promise<TProjectSyncResult> {
  const { models } = await readProject(folder);
  const existing = new Map(
    (
      await db().model.findMany({
        select: {
          id: true,
          name: true,
          origin: true,
          sql: true,
          layer: true,
          materialization: true,
          uniqueKey: true,
          description: true,
          owner: true,
          schedule: true,
          schema: true,
          columnDescriptions: true,
          destinationId: true,
        },
      })
    ).map((m) => [m.name, m]),
  );
  for (const m of models) {
    const other = existing.get(m.name);
    if (other && !other.origin.startsWith("file:")) fail(m.file, `a model named "${m.name}" was made in Weir's UI; rename the file or that model`);
  }
  // Dependency order among the files (refs to models outside the folder are checked by the store).
  const inFolder = new Set(models.map((m) => m.name));
  const graph = ModelGraph.build(models.map((m) => ({ name: m.name, refs: readModelTemplate(m.name, m.sql).refs.filter((r) => inFolder.has(r)) })));
  const byName = new Map(models.map((m) => [m.name, m]));
  const result: TProjectSyncResult = { created: [], updated: [], unchanged: [], deleted: [] };
  for (const name of graph.generations().flat()) {
    const { file, ...fields } = byName.get(name)!;
    const before = existing.get(name);
    if (!before) {
      await createModel(fields, actor, requestId, `file:${file}`);
      result.created.push(name);
      continue;
    }
    const same =
      before.sql === fields.sql &&
      before.layer === fields.layer &&
      before.description === fields.description &&
      before.owner === fields.owner &&
      before.schedule === fields.schedule &&
      before.destinationId === fields.destinationId &&
      before.schema === (fields.schema ?? fields.layer) &&
      JSON.stringify(before.columnDescriptions) === JSON.stringify(fields.columnDescriptions);
    if (same) {
      result.unchanged.push(name);
      continue;
    }
    await updateModel({ id: before.id, ...fields, schema: fields.schema ?? fields.layer }, actor, requestId);
    await db().model.update({ where: { id: before.id }, data: { origin: `file:${file}` } });
    result.updated.push(name);
  }
  // Gone from the folder: downstream first, so a deleted parent is not still ref'd by a deleted child.
  const gone = [...existing.values()].filter((m) => m.origin.startsWith("file:") && !inFolder.has(m.name));
  const goneNames = new Set(gone.map((m) => m.name));
  const goneGraph = ModelGraph.build(gone.map((m) => ({ name: m.name, refs: readModelTemplate(m.name, m.sql).refs.filter((r) => goneNames.has(r)) })));
  for (const name of goneGraph.generations().flat().reverse()) {
    await deleteModel(existing.get(name)!.id, actor, requestId);
    result.deleted.push(name);
  }
  return result;
}

/** The server's project folder, if one is configured. */
export function configuredProjectFolder(): string | null {
  const dir = setting("WEIR_MODELS_DIR");
  return dir ? path.resolve(dir) : null;
}
