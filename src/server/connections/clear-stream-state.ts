/**
 * "Clear" on a connection stream: the destination forgets the stream's state
 * (and, when asked, drops its table) in one transaction, so the next run
 * reads everything again. Refused while a run of the connection is active.
 */
import { randomUUID } from "node:crypto";
import { destinationConnector } from "@/connectors/registry";
import { unsealConfig } from "@/connectors/spec";
import type { TCatalog } from "@/connectors/types";
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { childLogger } from "@/lib/logger";
import { destinationTable } from "@/lib/destination-table";
import { writeAudit, type TAuditActor } from "@/db/write-audit";

export async function clearStreamState(input: { id: string; stream: string; dropTable: boolean }, actor: TAuditActor, requestId?: string): Promise<void> {
  const connection = await db().connection.findUnique({
    where: { id: input.id },
    include: { destination: true, source: { select: { catalog: true } }, streams: true },
  });
  if (!connection) throw new AppError("NOT_FOUND", "No connection with that id.");
  const setting = connection.streams.find((s) => s.stream === input.stream);
  if (!setting) throw new AppError("NOT_FOUND", `The connection has no stream ${input.stream}.`);
  if (await db().run.findFirst({ where: { connectionId: input.id, status: { in: ["queued", "running"] } } })) {
    throw new AppError("CONFLICT", "A run of this connection is queued or running. Wait for it or cancel it, then clear.");
  }
  const namespace = (connection.source.catalog as TCatalog | null)?.streams.find((s) => s.name === input.stream)?.namespace;
  const destination = destinationConnector(connection.destination.connector);
  const config = unsealConfig(destination.spec, connection.destination.config);
  const session = await destination.open(config, { log: childLogger({ connectionId: input.id }), signal: AbortSignal.timeout(60_000) });
  try {
    await session.resetStream(
      {
        connectionId: connection.id,
        stream: input.stream,
        namespace: connection.namespace,
        table: destinationTable(connection.tablePrefix, input.stream, namespace),
      },
      { dropTable: input.dropTable, resetId: `reset:${randomUUID()}` },
    );
  } finally {
    await session.close();
  }
  await db().$transaction(async (tx) => {
    await tx.connectionStream.update({ where: { id: setting.id }, data: { state: Prisma.DbNull, stateUpdatedAt: new Date() } });
    await writeAudit(tx, {
      actor,
      action: "connection.clear_stream",
      targetType: "connection",
      targetId: input.id,
      requestId,
      diff: {
        stream: { from: null, to: input.stream },
        state: { from: setting.state ?? null, to: null },
        ...(input.dropTable ? { table: { from: "kept", to: "dropped" } } : {}),
      },
    });
  });
}
