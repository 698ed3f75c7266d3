/**
 * Models in the metadata database. Every write checks what the build would
 * refuse: the template parses and uses only dbt's supported subset, every
 * ref names a model, the refs form no cycle, the destination is a warehouse
 * and the schedule is a cron expression. config() in the SQL wins over the
 * form, as in dbt. Every change is audited.
 */
import { DESTINATIONS } from "@/connectors/registry";
import { db } from "@/db/client";
import { ModelGraph } from "@/engine/transform/model-graph";
import { readModelTemplate, renderModelTemplate } from "@/engine/transform/model-template";
import { sourceDataset } from "@/engine/transform/source-relation";
import { relationNameFor } from "@/engine/transform/warehouses/relation-name";
import { AppError } from "@/lib/app-error";
import { type TAuditActor, diffFields, writeAudit } from "@/db/write-audit";
import { assertCron } from "@/server/connections/validate-streams";
import type { TCreateModelInput, TModelOutput, TUpdateModelInput } from "@/server/transforms/model-contracts";

/** Whether models are built and checks run in destinations of this connector: it has the `warehouse` capability. */
export function isWarehouseConnector(connector: string): boolean {
  return DESTINATIONS.some((c) => c.name === connector && c.warehouse !== undefined);
}

/** The titles of the warehouse connectors, for messages: "DuckDB, PostgreSQL, Snowflake". */
function warehouseTitles(): string {
  return DESTINATIONS.filter((c) => c.warehouse !== undefined)
    .map((c) => c.title)
    .join(", ");
}

const include = { destination: { select: { id: true, name: true, connector: true } } } as const;

type TModelRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["model"]["findFirst"]>>> & {
  destination: { id: string; name: string; connector: string };
};

function toOutput(row: TModelRow): TModelOutput {
  return { ...row, columnDescriptions: (row.columnDescriptions ?? {}) as Record<string, string> };
}

/**
 * The destination with `destinationId`, which must be a warehouse Weir can
 * build models and run checks in; `what` says what needs it ("models are
 * built", "checks run") for the message.
 */
export async function warehouseDestination(destinationId: string, what: string) {
  const destination = await db().destination.findUnique({ where: { id: destinationId } });
  if (!destination) throw new AppError("NOT_FOUND", "destinationId: no destination with that id.", { field: "destinationId" });
  if (!isWarehouseConnector(destination.connector))
    throw new AppError("BAD_INPUT", `destinationId: ${what} in warehouse destinations (${warehouseTitles()}), and "${destination.name}" is not one.`, {
      field: "destinationId",
    });
  return destination;
}

/** The template's declarations, with config() applied over the form; refused when the graph with this model in it would be broken. */
async function validated<T extends { name: string; sql: string; materialization: TCreateModelInput["materialization"]; uniqueKey: string[] }>(
  fields: T,
  id?: string,
): Promise<T & { refs: string[] }> {
  const declared = readModelTemplate(fields.name, fields.sql);
  const materialized = declared.config.materialized;
  if (materialized !== undefined && !["view", "table", "incremental"].includes(String(materialized))) {
    throw new AppError("BAD_INPUT", `Model "${fields.name}": config(materialized='${String(materialized)}') is not one of view, table, incremental.`, {
      field: "sql",
    });
  }
  const uniqueKey = declared.config.unique_key;
  const others = await db().model.findMany({ where: id ? { id: { not: id } } : {}, select: { name: true, refs: true } });
  if (others.some((m) => m.name === fields.name)) throw new AppError("CONFLICT", `name: a model named "${fields.name}" already exists.`, { field: "name" });
  ModelGraph.build([...others, { name: fields.name, refs: declared.refs }]);
  return {
    ...fields,
    refs: declared.refs,
    materialization: (materialized as T["materialization"] | undefined) ?? fields.materialization,
    uniqueKey:
      typeof uniqueKey === "string"
        ? uniqueKey
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean)
        : fields.uniqueKey,
  };
}

function conflict(name: string, e: unknown): never {
  if ((e as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `name: a model named "${name}" already exists.`, { field: "name" });
  throw e;
}

export async function listModels(): Promise<TModelOutput[]> {
  return (await db().model.findMany({ include, orderBy: [{ layer: "asc" }, { name: "asc" }] })).map(toOutput);
}

export async function getModel(id: string): Promise<TModelOutput> {
  const row = await db().model.findUnique({ where: { id }, include });
  if (!row) throw new AppError("NOT_FOUND", "No model with that id.");
  return toOutput(row);
}

/** `origin`: "ui", or "file:<path>" for a model synced from a project folder (project-sync.ts). */
export async function createModel(input: TCreateModelInput, actor: TAuditActor, requestId?: string, origin = "ui"): Promise<TModelOutput> {
  assertCron(input.schedule);
  await warehouseDestination(input.destinationId, "models are built");
  const fields = await validated(input);
  const { schema, ...rest } = fields;
  const id = await db()
    .$transaction(async (tx) => {
      const row = await tx.model.create({ data: { ...rest, schema: schema ?? input.layer, createdById: actor.id, origin } });
      await writeAudit(tx, {
        actor,
        action: "model.create",
        targetType: "model",
        targetId: row.id,
        requestId,
        diff: { name: { from: null, to: row.name }, layer: { from: null, to: row.layer } },
      });
      return row.id;
    })
    .catch((e: unknown) => conflict(input.name, e));
  return getModel(id);
}

export async function updateModel(input: TUpdateModelInput, actor: TAuditActor, requestId?: string): Promise<TModelOutput> {
  const before = await getModel(input.id);
  assertCron(input.schedule);
  if (input.destinationId) await warehouseDestination(input.destinationId, "models are built");
  if (input.name && input.name !== before.name) {
    const dependents = (await db().model.findMany({ where: { refs: { has: before.name } }, select: { name: true } })).map((m) => m.name);
    if (dependents.length)
      throw new AppError("BAD_INPUT", `name: ${dependents.map((d) => `"${d}"`).join(", ")} ref("${before.name}"); change their SQL before renaming it.`, {
        field: "name",
      });
  }
  const merged = await validated(
    {
      name: input.name ?? before.name,
      sql: input.sql ?? before.sql,
      materialization: input.materialization ?? before.materialization,
      uniqueKey: input.uniqueKey ?? before.uniqueKey,
    },
    input.id,
  );
  const { id, ...rest } = input;
  const data = Object.fromEntries(Object.entries({ ...rest, ...merged }).filter(([, v]) => v !== undefined));
  await db()
    .$transaction(async (tx) => {
      await tx.model.update({ where: { id }, data });
      const diff = diffFields(Object.fromEntries(Object.keys(data).map((k) => [k, (before as Record<string, unknown>)[k]])), data);
      await writeAudit(tx, { actor, action: "model.update", targetType: "model", targetId: id, requestId, diff });
    })
    .catch((e: unknown) => conflict(input.name ?? before.name, e));
  return getModel(id);
}

export async function deleteModel(id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const model = await getModel(id);
  const dependents = (await db().model.findMany({ where: { refs: { has: model.name } }, select: { name: true } })).map((m) => m.name);
  if (dependents.length) throw new AppError("CONFLICT", `${dependents.map((d) => `"${d}"`).join(", ")} ref("${model.name}"); change or delete them first.`);
  await db().$transaction(async (tx) => {
    await tx.model.delete({ where: { id } });
    await writeAudit(tx, { actor, action: "model.delete", targetType: "model", targetId: id, requestId, diff: { name: { from: model.name, to: null } } });
  });
}

/** The SQL a model would run: refs and sources resolved to the relations in its warehouse. */
export async function compileModel(input: {
  name: string;
  sql: string;
  destinationId: string;
  isIncremental: boolean;
}): Promise<{ sql: string; refs: string[] }> {
  const declared = readModelTemplate(input.name, input.sql);
  const models = new Map((await db().model.findMany({ where: { name: { in: declared.refs } }, select: { name: true, schema: true } })).map((m) => [m.name, m]));
  const connections = new Map(
    (
      await db().connection.findMany({
        where: { name: { in: declared.sources.map((s) => s.connection) } },
        include: { streams: true, source: { select: { catalog: true } } },
      })
    ).map((c) => [c.name, c]),
  );
  const self = await db().model.findUnique({ where: { name: input.name }, select: { schema: true } });
  const destination = await db().destination.findUnique({ where: { id: input.destinationId }, select: { connector: true } });
  const quoted = relationNameFor(destination?.connector);
  const sql = renderModelTemplate(input.name, input.sql, {
    isIncremental: input.isIncremental,
    self: quoted(self?.schema ?? "main", input.name),
    ref: (name) => {
      const model = models.get(name);
      if (!model) throw new Error(`ref('${name}'): there is no model "${name}"`);
      return quoted(model.schema, name);
    },
    source: (connectionName, stream) => {
      const dataset = sourceDataset(connections.get(connectionName), connectionName, stream);
      return quoted(dataset.schema, dataset.table);
    },
  });
  return { sql, refs: declared.refs };
}
