/**
 * Create, read, update, pause, resume and delete connections. Streams are
 * checked against the source's discovered catalog; every change is audited.
 * Saving the streams never accepts a schema change of a stream that has
 * synced: runs detect those and apply the connection's policy.
 */
import type { TCatalog, TColumn, TStreamState } from "@/connectors/types";
import { sourceConnector } from "@/connectors/registry";
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { readOverrides, readPending } from "@/engine/sync/column-choices";
import { diffFields, writeAudit, type TAuditActor } from "@/db/write-audit";
import { syncAutomaticChecks } from "@/server/transforms/automatic-checks";
import type { TConnectionOutput, TCreateConnectionInput } from "@/server/connections/connection-contracts";
import { resumeConnection } from "@/server/connections/resume-connection";
import { assertCron, resolveStreams, type TResolvedStream } from "@/server/connections/validate-streams";

const INCLUDE = {
  source: { select: { id: true, name: true, connector: true, catalog: true } },
  destination: { select: { id: true, name: true, connector: true } },
  streams: { orderBy: { stream: "asc" as const } },
  runs: { orderBy: { queuedAt: "desc" as const }, take: 1, select: { id: true, status: true, queuedAt: true, finishedAt: true } },
} satisfies Prisma.ConnectionInclude;

type TConnectionRow = Prisma.ConnectionGetPayload<{ include: typeof INCLUDE }>;

function toOutput(row: TConnectionRow): TConnectionOutput {
  const { source, destination, runs, streams, ...rest } = row;
  return {
    ...rest,
    source: { id: source.id, name: source.name, connector: source.connector },
    streaming: Boolean(sourceConnector(source.connector).streaming),
    destination,
    streams: streams.map(({ pendingSchema, columnOverrides, ...s }) => ({
      ...s,
      columns: s.columns as TColumn[],
      state: (s.state as TStreamState | null) ?? null,
      columnOverrides: readOverrides(columnOverrides),
      typeConflicts: readPending(pendingSchema)?.conflicts ?? [],
      pendingChanges: readPending(pendingSchema) !== null,
    })),
    lastRun: runs[0] ?? null,
  };
}

async function catalogOf(sourceId: string): Promise<TCatalog> {
  const source = await db().source.findUnique({ where: { id: sourceId }, select: { catalog: true, name: true } });
  if (!source) throw new AppError("NOT_FOUND", "No source with that id.");
  if (!source.catalog) throw new AppError("BAD_INPUT", `Run discover on "${source.name}" first, so Weir knows its streams.`);
  return source.catalog as unknown as TCatalog;
}

const streamData = (s: TResolvedStream) => ({
  stream: s.stream,
  selected: s.selected,
  syncMode: s.syncMode,
  cursorField: s.cursorField,
  primaryKey: s.primaryKey,
  columns: s.columns as unknown as Prisma.InputJsonValue,
});

function conflict(name: string, e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
    throw new AppError("CONFLICT", `A connection named "${name}" already exists. Pick another name.`, { field: "name" });
  throw e;
}

export async function listConnections(): Promise<TConnectionOutput[]> {
  return (await db().connection.findMany({ include: INCLUDE, orderBy: { name: "asc" } })).map(toOutput);
}

export async function getConnection(id: string): Promise<TConnectionOutput> {
  const row = await db().connection.findUnique({ where: { id }, include: INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", "No connection with that id. It may have been deleted; reload the list.");
  return toOutput(row);
}

export async function createConnection(input: TCreateConnectionInput, actor: TAuditActor, requestId?: string): Promise<TConnectionOutput> {
  assertCron(input.schedule);
  if (!(await db().destination.findUnique({ where: { id: input.destinationId } }))) throw new AppError("NOT_FOUND", "No destination with that id.");
  const streams = resolveStreams(await catalogOf(input.sourceId), input.streams);
  const id = await db()
    .$transaction(async (tx) => {
      const c = await tx.connection.create({
        data: {
          name: input.name,
          sourceId: input.sourceId,
          destinationId: input.destinationId,
          namespace: input.namespace,
          tablePrefix: input.tablePrefix,
          schedule: input.schedule,
          schemaChangePolicy: input.schemaChangePolicy,
          createdById: actor.id,
          streams: { create: streams.map(streamData) },
        },
      });
      await writeAudit(tx, {
        actor,
        action: "connection.create",
        targetType: "connection",
        targetId: c.id,
        requestId,
        diff: {
          name: { from: null, to: input.name },
          streams: { from: null, to: streams.filter((s) => s.selected).map((s) => `${s.stream} (${s.syncMode})`) },
        },
      });
      return c.id;
    })
    .catch((e: unknown) => conflict(input.name, e));
  await syncAutomaticChecks(id);
  return getConnection(id);
}

export async function updateConnection(
  input: Partial<Omit<TCreateConnectionInput, "sourceId" | "destinationId">> & { id: string },
  actor: TAuditActor,
  requestId?: string,
): Promise<TConnectionOutput> {
  const before = await getConnection(input.id);
  assertCron(input.schedule);
  const streams = input.streams ? resolveStreams(await catalogOf(before.source.id), input.streams) : null;
  const fields = {
    name: input.name,
    namespace: input.namespace,
    tablePrefix: input.tablePrefix,
    schedule: input.schedule,
    schemaChangePolicy: input.schemaChangePolicy,
  };
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await db()
    .$transaction(async (tx) => {
      await tx.connection.update({ where: { id: input.id }, data });
      const synced = new Set(before.streams.filter((s) => s.stateUpdatedAt !== null).map((s) => s.stream));
      for (const s of streams ?? []) {
        // A stream that has synced keeps the columns it accepted: a change at the source goes through the schema-change policy at the next run.
        const { columns, ...settings } = streamData(s);
        const update = synced.has(s.stream) ? settings : { ...settings, columns };
        await tx.connectionStream.upsert({
          where: { connectionId_stream: { connectionId: input.id, stream: s.stream } },
          create: { connectionId: input.id, ...streamData(s) },
          update,
        });
      }
      const diff = diffFields(Object.fromEntries(Object.keys(data).map((k) => [k, (before as Record<string, unknown>)[k]])), data);
      if (streams)
        diff.streams = {
          from: before.streams.filter((s) => s.selected).map((s) => `${s.stream} (${s.syncMode})`),
          to: streams.filter((s) => s.selected).map((s) => `${s.stream} (${s.syncMode})`),
        };
      await writeAudit(tx, { actor, action: "connection.update", targetType: "connection", targetId: input.id, diff, requestId });
    })
    .catch((e: unknown) => conflict(input.name ?? before.name, e));
  await syncAutomaticChecks(input.id);
  return getConnection(input.id);
}

/** Pauses or resumes a connection; resuming accepts the schema changes a paused run found (resume-connection.ts). */
export async function setConnectionStatus(id: string, status: "active" | "paused", actor: TAuditActor, requestId?: string): Promise<TConnectionOutput> {
  if (status === "active") {
    await resumeConnection(id, actor, requestId);
    return getConnection(id);
  }
  const before = await getConnection(id);
  await db().$transaction(async (tx) => {
    await tx.connection.update({ where: { id }, data: { status, pausedReason: `Paused by ${actor.email}.` } });
    await writeAudit(tx, {
      actor,
      action: "connection.pause",
      targetType: "connection",
      targetId: id,
      diff: { status: { from: before.status, to: status } },
      requestId,
    });
  });
  return getConnection(id);
}

export async function deleteConnection(id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const before = await getConnection(id);
  await db().$transaction(async (tx) => {
    await tx.connection.delete({ where: { id } });
    // The checks Weir kept on its streams go with it; checks people wrote stay, on the tables that remain.
    await tx.check.deleteMany({ where: { connectionId: id, automatic: true } });
    await writeAudit(tx, {
      actor,
      action: "connection.delete",
      targetType: "connection",
      targetId: id,
      diff: { name: { from: before.name, to: null } },
      requestId,
    });
  });
}

/** The newest schema-change events of a connection. */
export async function listSchemaChanges(id: string) {
  return db().schemaChangeEvent.findMany({ where: { connectionId: id }, orderBy: { createdAt: "desc" }, take: 50 });
}
