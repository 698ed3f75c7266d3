/**
 * "Test connection" and "discover" for sources and destinations. They run the
 * connector against the real system with a 10-second limit and answer with
 * the connector's message, secrets removed.
 */
import { recordDiscoveredStreams } from "@/engine/lineage/discovered-streams";
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import { redactSecrets, sealConfig, unsealConfig, validateConfig } from "@/connectors/spec";
import type { TCatalog, TCheckResult } from "@/connectors/types";
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { childLogger } from "@/lib/logger";
import { writeAudit, type TAuditActor } from "@/db/write-audit";
import { connectorFor, endpointTable, getEndpointRow } from "@/server/endpoints/endpoint-store";
import type { TEndpointKind } from "@/server/endpoints/endpoint-contracts";

export const CHECK_TIMEOUT_MS = 10_000;

type TCheckOutcome = { ok: boolean; message: string | null; durationMs: number };

async function runCheck(kind: TEndpointKind, connector: string, plain: Record<string, unknown>): Promise<TCheckOutcome> {
  const c = kind === "source" ? sourceConnector(connector) : destinationConnector(connector);
  const started = Date.now();
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  const timeout = new Promise<TCheckResult>((resolve) =>
    signal.addEventListener("abort", () => resolve({ ok: false, message: `No answer within ${CHECK_TIMEOUT_MS / 1000} s.` }), { once: true }),
  );
  const result = await Promise.race([
    c
      .check(plain, { log: childLogger({ connector }), signal })
      .catch((e: unknown): TCheckResult => ({ ok: false, message: e instanceof Error ? e.message : String(e) })),
    timeout,
  ]);
  const message = result.message ? redactSecrets(c.spec, plain, result.message) : null;
  return { ok: result.ok, message, durationMs: Date.now() - started };
}

/** Tests a configuration from a form, before it is saved. */
export async function checkDraft(kind: TEndpointKind, input: { id?: string; connector: string; config: Record<string, unknown> }): Promise<TCheckOutcome> {
  const { spec } = connectorFor(kind, input.connector);
  const previous = input.id ? ((await getEndpointRow(kind, input.id)).config as Record<string, unknown>) : undefined;
  const sealed = sealConfig(spec, input.config, previous);
  const valid = validateConfig(spec, unsealConfig(spec, sealed) as Record<string, unknown>);
  if (!valid.ok) return { ok: false, message: `Check the configuration: ${valid.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}.`, durationMs: 0 };
  return runCheck(kind, input.connector, valid.value as Record<string, unknown>);
}

/** Tests a saved source or destination and records the outcome on it. */
export async function checkSaved(kind: TEndpointKind, id: string, actor: TAuditActor, requestId?: string): Promise<TCheckOutcome> {
  const row = await getEndpointRow(kind, id);
  const { spec } = connectorFor(kind, row.connector);
  const outcome = await runCheck(kind, row.connector, unsealConfig(spec, row.config as Record<string, unknown>) as Record<string, unknown>);
  await db().$transaction(async (tx) => {
    const data = { lastCheckAt: new Date(), lastCheckOk: outcome.ok, lastCheckMessage: outcome.message };
    await endpointTable(kind, tx).update({ where: { id }, data });
    await writeAudit(tx, {
      actor,
      action: `${kind}.check`,
      targetType: kind,
      targetId: id,
      diff: { lastCheckOk: { from: row.lastCheckOk, to: outcome.ok } },
      requestId,
    });
  });
  return outcome;
}

/** Lists the source's streams with columns, keys and cursor candidates, and keeps the catalog. */
export async function discoverSource(id: string, actor: TAuditActor, requestId?: string): Promise<TCatalog> {
  const row = await getEndpointRow("source", id);
  const c = sourceConnector(row.connector);
  const plain = unsealConfig(c.spec, row.config as Record<string, unknown>) as Record<string, unknown>;
  let catalog: TCatalog;
  try {
    catalog = await c.discover(plain, { log: childLogger({ connector: row.connector, sourceId: id }), signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    throw new AppError("CONNECTOR_ERROR", `Discover failed: ${redactSecrets(c.spec, plain, e instanceof Error ? e.message : String(e))}`);
  }
  await db().$transaction(async (tx) => {
    await tx.source.update({ where: { id }, data: { catalog: catalog as unknown as Prisma.InputJsonValue, discoveredAt: new Date() } });
    await recordDiscoveredStreams(tx, { id, connector: row.connector, name: row.name, config: row.config }, catalog);
    await writeAudit(tx, {
      actor,
      action: "source.discover",
      targetType: "source",
      targetId: id,
      diff: { streams: { from: null, to: catalog.streams.length } },
      requestId,
    });
  });
  return catalog;
}
