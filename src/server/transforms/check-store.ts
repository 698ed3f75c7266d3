/**
 * Quality checks, their results and incidents in the metadata database.
 * Checks are defined on a dataset of a warehouse destination, optionally
 * tied to the model that builds it or the connection stream that loads it
 * (they then run after that model or sync). Every change is audited.
 */
import { z } from "zod";
import { zIdentifier, zName } from "@/lib/input-rules";

import { db } from "@/db/client";
import { ZCheckKind, reportedBy } from "@/engine/quality/check-definition";
import { acknowledge, resolve } from "@/engine/quality/gating";
import { runAndRecordChecks } from "@/engine/quality/record-check-results";
import { openWarehouse } from "@/engine/transform/warehouses/open-warehouse";
import { AppError } from "@/lib/app-error";
import { childLogger } from "@/lib/logger";
import { type TAuditActor, writeAudit } from "@/db/write-audit";
import { type TRole, satisfiesTier } from "@/server/roles";
import { warehouseDestination } from "@/server/transforms/model-store";

const ZName = zName(200);

export const ZCreateCheckInput = z
  .object({
    name: ZName,
    destinationId: z.string().uuid("is not a destination id"),
    datasetSchema: zName(63),
    datasetTable: zName(63),
    modelId: z.string().uuid().nullable().default(null),
    connectionId: z.string().uuid().nullable().default(null),
    stream: zIdentifier().nullable().default(null),
    check: ZCheckKind,
    severity: z.enum(["warn", "error"]).default("error"),
    mostly: z.number().gt(0, "is above 0").max(1, "is at most 1").nullable().default(null),
  })
  .refine((c) => !(c.connectionId && !c.stream), { message: "stream: a check tied to a connection names its stream", path: ["stream"] });

export const ZCheckIdInput = z.object({ id: z.string().uuid("is not a check id") });
export const ZIncidentIdInput = z.object({ id: z.string().uuid("is not an incident id") });

const ZResult = z.object({
  id: z.string(),
  status: z.enum(["passed", "failed", "error"]),
  observed: z.number().nullable(),
  failingRows: z.number().nullable(),
  totalRows: z.number().nullable(),
  sample: z.array(z.record(z.string(), z.unknown())),
  message: z.string(),
  durationMs: z.number(),
  transformRunId: z.string().nullable(),
  syncRunId: z.string().nullable(),
  createdAt: z.date(),
});

export const ZCheckOutput = z.object({
  id: z.string(),
  name: z.string(),
  dataset: z.string(),
  /** The warehouse Weir runs it in; null for a check a producer reports (reportedBy). */
  destination: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The producer that reports its results (an OpenLineage dataQualityAssertions facet); Weir never runs such a check. */
  reportedBy: z.string().nullable(),
  model: z.object({ id: z.string(), name: z.string() }).nullable(),
  connectionId: z.string().nullable(),
  stream: z.string().nullable(),
  check: z.record(z.string(), z.unknown()),
  severity: z.enum(["warn", "error"]),
  mostly: z.number().nullable(),
  automatic: z.boolean(),
  /** "weir", or "dbt:<unique id>" for an imported dbt test. */
  origin: z.string(),
  enabled: z.boolean(),
  /** An imported dbt test Weir cannot run (its relation is not in the warehouse Weir reaches): why; its results come from dbt only. */
  dbtRunOnlyReason: z.string().nullable(),
  /** When a re-import of its dbt project no longer had the test (it is disabled then). */
  removedAt: z.date().nullable(),
  /** Newest first, at most 30. */
  results: z.array(ZResult),
  /** True when the reader's role sees no failing-row samples (viewers: metadata only); the samples are then empty. */
  samplesWithheld: z.boolean(),
  openIncidentId: z.string().nullable(),
});

export const ZIncidentOutput = z.object({
  id: z.string(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  check: z.object({ id: z.string(), name: z.string(), dataset: z.string(), severity: z.enum(["warn", "error"]) }),
  openedAt: z.date(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.date().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  resolution: z.string().nullable(),
  autoResolved: z.boolean(),
});

export type TCheckOutput = z.output<typeof ZCheckOutput>;
export type TIncidentOutput = z.output<typeof ZIncidentOutput>;

const num = (v: bigint | number | null) => (v === null ? null : Number(v));

const checkInclude = {
  destination: { select: { id: true, name: true } },
  dataset: { select: { name: true } },
  model: { select: { id: true, name: true } },
  results: { orderBy: { createdAt: "desc" as const }, take: 30 },
  incidents: { where: { status: { not: "resolved" as const } }, select: { id: true }, take: 1 },
};

type TCheckRow = NonNullable<Awaited<ReturnType<typeof findCheck>>>;
const findCheck = (id: string) => db().check.findUnique({ where: { id }, include: checkInclude });

function toCheck(row: TCheckRow): TCheckOutput {
  return {
    id: row.id,
    name: row.name,
    dataset: row.dataset?.name ?? `${row.datasetSchema}.${row.datasetTable}`,
    destination: row.destination,
    reportedBy: reportedBy(row.origin),
    model: row.model,
    connectionId: row.connectionId,
    stream: row.stream,
    check: row.definition as Record<string, unknown>,
    severity: row.severity,
    mostly: row.mostly,
    automatic: row.automatic,
    origin: row.origin,
    enabled: row.enabled,
    dbtRunOnlyReason: row.dbtRunOnlyReason,
    removedAt: row.removedAt,
    results: row.results.map((r) => ({ ...r, failingRows: num(r.failingRows), totalRows: num(r.totalRows), sample: r.sample as Record<string, unknown>[] })),
    samplesWithheld: false,
    openIncidentId: row.incidents[0]?.id ?? null,
  };
}

export const ZListChecksInput = z.object({
  dataset: z.string().trim().max(200).optional(),
  severity: z.enum(["warn", "error"]).optional(),
  status: z.enum(["passed", "failed", "error", "never"]).optional(),
});

export async function listChecks(filter: z.output<typeof ZListChecksInput>): Promise<TCheckOutput[]> {
  const rows = await db().check.findMany({
    where: { ...(filter.severity ? { severity: filter.severity } : {}) },
    include: checkInclude,
    orderBy: [{ datasetSchema: "asc" }, { datasetTable: "asc" }, { name: "asc" }],
  });
  return rows
    .map(toCheck)
    .filter((c) => !filter.dataset || c.dataset.includes(filter.dataset))
    .filter((c) => !filter.status || (filter.status === "never" ? c.results.length === 0 : c.results[0]?.status === filter.status));
}

export async function getCheck(id: string): Promise<TCheckOutput> {
  const row = await findCheck(id);
  if (!row) throw new AppError("NOT_FOUND", "No check with that id.");
  return toCheck(row);
}

export async function createCheck(input: z.output<typeof ZCreateCheckInput>, actor: TAuditActor, requestId?: string): Promise<TCheckOutput> {
  await warehouseDestination(input.destinationId, "checks run");
  if (input.modelId && !(await db().model.findUnique({ where: { id: input.modelId } })))
    throw new AppError("NOT_FOUND", "modelId: no model with that id.", { field: "modelId" });
  const id = await db()
    .$transaction(async (tx) => {
      const row = await tx.check.create({
        data: {
          name: input.name,
          destinationId: input.destinationId,
          datasetSchema: input.datasetSchema,
          datasetTable: input.datasetTable,
          modelId: input.modelId,
          connectionId: input.connectionId,
          stream: input.stream,
          definition: input.check,
          severity: input.severity,
          mostly: input.mostly,
        },
      });
      await writeAudit(tx, {
        actor,
        action: "check.create",
        targetType: "check",
        targetId: row.id,
        requestId,
        diff: { name: { from: null, to: row.name }, dataset: { from: null, to: `${row.datasetSchema}.${row.datasetTable}` } },
      });
      return row.id;
    })
    .catch((e: unknown) => {
      if ((e as { code?: string }).code === "P2002")
        throw new AppError("CONFLICT", `name: the dataset already has a check named "${input.name}".`, { field: "name" });
      throw e;
    });
  return getCheck(id);
}

export async function setCheckEnabled(id: string, enabled: boolean, actor: TAuditActor, requestId?: string): Promise<TCheckOutput> {
  const before = await getCheck(id);
  if (enabled && before.removedAt)
    throw new AppError("BAD_INPUT", `id: "${before.name}" was removed from its dbt project; import a manifest that has the test to bring it back.`, {
      field: "id",
    });
  await db().$transaction(async (tx) => {
    await tx.check.update({ where: { id }, data: { enabled } });
    await writeAudit(tx, {
      actor,
      action: "check.update",
      targetType: "check",
      targetId: id,
      requestId,
      diff: { enabled: { from: before.enabled, to: enabled } },
    });
  });
  return getCheck(id);
}

export async function deleteCheck(id: string, actor: TAuditActor, requestId?: string): Promise<void> {
  const before = await getCheck(id);
  await db().$transaction(async (tx) => {
    await tx.check.delete({ where: { id } });
    await writeAudit(tx, { actor, action: "check.delete", targetType: "check", targetId: id, requestId, diff: { name: { from: before.name, to: null } } });
  });
}

const incidentInclude = { check: { select: { id: true, name: true, datasetSchema: true, datasetTable: true, severity: true } } } as const;

async function toIncident(row: Awaited<ReturnType<typeof findIncident>>): Promise<TIncidentOutput> {
  if (!row) throw new AppError("NOT_FOUND", "No incident with that id.");
  const ids = [row.acknowledgedById, row.resolvedById].filter((x): x is string => Boolean(x));
  const users = new Map((await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  return {
    id: row.id,
    status: row.status,
    check: { id: row.check.id, name: row.check.name, dataset: `${row.check.datasetSchema}.${row.check.datasetTable}`, severity: row.check.severity },
    openedAt: row.openedAt,
    acknowledgedBy: row.acknowledgedById ? (users.get(row.acknowledgedById) ?? null) : null,
    acknowledgedAt: row.acknowledgedAt,
    resolvedBy: row.resolvedById ? (users.get(row.resolvedById) ?? null) : null,
    resolvedAt: row.resolvedAt,
    resolution: row.resolution,
    autoResolved: row.autoResolved,
  };
}
const findIncident = (id: string) => db().incident.findUnique({ where: { id }, include: incidentInclude });

export const ZListIncidentsInput = z.object({ status: z.enum(["open", "acknowledged", "resolved", "unresolved"]).optional() });

export async function listIncidents(filter: z.output<typeof ZListIncidentsInput>): Promise<TIncidentOutput[]> {
  const where = filter.status === "unresolved" ? { status: { not: "resolved" as const } } : filter.status ? { status: filter.status } : {};
  const rows = await db().incident.findMany({ where, include: incidentInclude, orderBy: { openedAt: "desc" }, take: 500 });
  return Promise.all(rows.map((r) => toIncident(r)));
}

export async function getIncident(id: string): Promise<TIncidentOutput> {
  return toIncident(await findIncident(id));
}

export async function acknowledgeIncident(id: string, actor: TAuditActor & { id: string }, requestId?: string): Promise<TIncidentOutput> {
  const row = await findIncident(id);
  if (!row) throw new AppError("NOT_FOUND", "No incident with that id.");
  const next = acknowledge({ status: row.status }, actor.id);
  await db().$transaction(async (tx) => {
    await tx.incident.update({ where: { id }, data: { status: next.status, acknowledgedById: actor.id, acknowledgedAt: next.acknowledgedAt } });
    await writeAudit(tx, {
      actor,
      action: "incident.acknowledge",
      targetType: "incident",
      targetId: id,
      requestId,
      diff: { status: { from: row.status, to: next.status } },
    });
  });
  return getIncident(id);
}

export async function resolveIncident(id: string, reason: string, actor: TAuditActor & { id: string }, requestId?: string): Promise<TIncidentOutput> {
  const row = await findIncident(id);
  if (!row) throw new AppError("NOT_FOUND", "No incident with that id.");
  const next = resolve({ status: row.status }, actor.id, reason);
  await db().$transaction(async (tx) => {
    await tx.incident.update({
      where: { id },
      data: { status: "resolved", resolvedById: actor.id, resolvedAt: next.resolvedAt, resolution: next.resolution, autoResolved: false },
    });
    await writeAudit(tx, {
      actor,
      action: "incident.resolve",
      targetType: "incident",
      targetId: id,
      requestId,
      diff: { status: { from: row.status, to: "resolved" }, resolution: { from: null, to: next.resolution } },
    });
  });
  return getIncident(id);
}

/** Runs one check now (on demand) in its warehouse and stores the result like any other. */
export async function runCheckNow(id: string, actor: TAuditActor, requestId?: string): Promise<TCheckOutput> {
  const check = await db().check.findUnique({ where: { id }, include: { destination: true } });
  if (!check) throw new AppError("NOT_FOUND", "No check with that id.");
  if (!check.destination || !check.destinationId)
    throw new AppError("BAD_INPUT", `id: the results of "${check.name}" are reported by ${reportedBy(check.origin) ?? "a producer"}; Weir does not run it.`, {
      field: "id",
    });
  if (check.removedAt) throw new AppError("BAD_INPUT", `id: "${check.name}" was removed from its dbt project; Weir does not run it.`, { field: "id" });
  if (check.dbtRunOnlyReason) throw new AppError("BAD_INPUT", `id: "${check.name}" is run by dbt only. ${check.dbtRunOnlyReason}`, { field: "id" });
  const log = childLogger({ requestId: requestId ?? "-", checkId: id });
  const warehouse = await openWarehouse(check.destination, { log, attribution: { kind: "check", dataset: `${check.datasetSchema}.${check.datasetTable}` } });
  try {
    await runAndRecordChecks(warehouse, [check], {}, log);
  } finally {
    await warehouse.close();
  }
  await db().$transaction((tx) => writeAudit(tx, { actor, action: "check.run", targetType: "check", targetId: id, requestId, diff: {} }));
  return getCheck(id);
}

/**
 * The check as `role` may read it: viewers see metadata only, so failing-row
 * samples (masked as they are, sample-mask.ts) are withheld below analyst.
 */
export function checkForRole(check: TCheckOutput, role: TRole): TCheckOutput {
  if (satisfiesTier(role, "analyst")) return check;
  return { ...check, samplesWithheld: true, results: check.results.map((r) => ({ ...r, sample: [] })) };
}
