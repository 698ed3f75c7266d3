/**
 * Create, read, update and delete sources and destinations. Configurations
 * are validated against the connector's spec, stored sealed (secrets
 * encrypted), and leave the server only masked. Every change is audited.
 */
import { destinationConnector, DESTINATIONS, sourceConnector, SOURCES } from "@/connectors/registry";
import { maskConfig, sealConfig, validateConfig } from "@/connectors/spec";
import type { TConnectorSpec } from "@/connectors/types";
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import type { TEndpointKind, TEndpointOutput } from "@/server/endpoints/endpoint-contracts";

type TRow = {
  id: string;
  name: string;
  connector: string;
  config: unknown;
  lastCheckAt: Date | null;
  lastCheckOk: boolean | null;
  lastCheckMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
};

type TClient = Pick<Prisma.TransactionClient, "source" | "destination">;

/** The Prisma delegate of a kind, on the client or a transaction; Source and Destination share these columns. */
export function endpointTable(kind: TEndpointKind, client: TClient = db()) {
  return (kind === "source" ? client.source : client.destination) as unknown as {
    findMany(args: object): Promise<TRow[]>;
    findUnique(args: object): Promise<TRow | null>;
    create(args: object): Promise<TRow>;
    update(args: object): Promise<TRow>;
    delete(args: object): Promise<TRow>;
  };
}

export function connectorFor(kind: TEndpointKind, name: string): { title: string; spec: TConnectorSpec; streaming?: unknown; warehouse?: unknown } {
  return kind === "source" ? sourceConnector(name) : destinationConnector(name);
}

export function connectorCatalog(kind: TEndpointKind) {
  return (kind === "source" ? SOURCES : DESTINATIONS).map((c) => ({
    name: c.name,
    title: c.title,
    streaming: "streaming" in c && Boolean(c.streaming),
    warehouse: "warehouse" in c && Boolean(c.warehouse),
    spec: c.spec as Record<string, unknown>,
  }));
}

export function toOutput(kind: TEndpointKind, row: TRow): TEndpointOutput {
  const c = connectorFor(kind, row.connector);
  return {
    ...row,
    connectorTitle: c.title,
    streaming: Boolean(c.streaming),
    warehouse: Boolean(c.warehouse),
    config: maskConfig(c.spec, row.config as Record<string, unknown>) as Record<string, unknown>,
  };
}

function validated(kind: TEndpointKind, connector: string, config: Record<string, unknown>) {
  const { spec } = connectorFor(kind, connector);
  const result = validateConfig(spec, config);
  if (!result.ok)
    throw new AppError("BAD_INPUT", `Check the configuration: ${result.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}.`, {
      fieldErrors: result.errors,
    });
  return { spec, value: result.value as Record<string, unknown> };
}

function nameTaken(kind: TEndpointKind, name: string, e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
    throw new AppError("CONFLICT", `A ${kind} named "${name}" already exists. Pick another name.`, { field: "name" });
  throw e;
}

export async function listEndpoints(kind: TEndpointKind): Promise<TEndpointOutput[]> {
  return (await endpointTable(kind).findMany({ orderBy: { name: "asc" } })).map((r) => toOutput(kind, r));
}

export async function getEndpointRow(kind: TEndpointKind, id: string): Promise<TRow> {
  const row = await endpointTable(kind).findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", `No ${kind} with that id. It may have been deleted; reload the list.`);
  return row;
}

export async function createEndpoint(
  kind: TEndpointKind,
  input: { name: string; connector: string; config: Record<string, unknown> },
  actor: TAuditActor,
  requestId?: string,
) {
  const { spec, value } = validated(kind, input.connector, input.config);
  const sealed = sealConfig(spec, value);
  const row = await db()
    .$transaction(async (tx) => {
      const created = await endpointTable(kind, tx).create({
        data: { name: input.name, connector: input.connector, config: sealed as Prisma.InputJsonValue, createdById: actor.id },
      });
      await writeAudit(tx, {
        actor,
        action: `${kind}.create`,
        targetType: kind,
        targetId: created.id,
        diff: { name: { from: null, to: input.name }, connector: { from: null, to: input.connector } },
        requestId,
      });
      return created;
    })
    .catch((e: unknown) => nameTaken(kind, input.name, e));
  return toOutput(kind, row);
}

export async function updateEndpoint(
  kind: TEndpointKind,
  input: { id: string; name?: string; config?: Record<string, unknown> },
  actor: TAuditActor,
  requestId?: string,
) {
  const before = await getEndpointRow(kind, input.id);
  const data: Record<string, unknown> = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.config !== undefined) {
    const { spec } = connectorFor(kind, before.connector);
    const merged = sealConfig(spec, input.config, before.config as Record<string, unknown>);
    validated(kind, before.connector, merged as Record<string, unknown>); // sealed secrets count as present
    data.config = merged;
  }
  const row = await db()
    .$transaction(async (tx) => {
      const updated = await endpointTable(kind, tx).update({ where: { id: input.id }, data });
      await writeAudit(tx, {
        actor,
        action: `${kind}.update`,
        targetType: kind,
        targetId: input.id,
        requestId,
        diff: {
          ...(input.name !== undefined && input.name !== before.name ? { name: { from: before.name, to: input.name } } : {}),
          ...(input.config ? { config: { from: "[previous]", to: "[changed]" } } : {}),
        },
      });
      return updated;
    })
    .catch((e: unknown) => nameTaken(kind, input.name ?? before.name, e));
  return toOutput(kind, row);
}

export async function deleteEndpoint(kind: TEndpointKind, id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const before = await getEndpointRow(kind, id);
  const used = await db().connection.count({ where: kind === "source" ? { sourceId: id } : { destinationId: id } });
  if (used > 0) throw new AppError("CONFLICT", `"${before.name}" is used by ${used} connection(s). Delete those first.`);
  await db().$transaction(async (tx) => {
    await endpointTable(kind, tx).delete({ where: { id } });
    await writeAudit(tx, { actor, action: `${kind}.delete`, targetType: kind, targetId: id, diff: { name: { from: before.name, to: null } }, requestId });
  });
}
