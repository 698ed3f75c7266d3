/**
 * What quality results mean for what runs next, as pure decisions over the
 * latest results (the caller loads them and records the outcome):
 * - gate: a model does not run while an error-severity check on a dataset
 *   it reads (directly) has its latest result failed or errored; its run is
 *   recorded as blocked, naming the check. A warn-severity failure never
 *   blocks. The block lifts by itself when the check passes again.
 * - incidents: a failed error check opens an incident unless one is already
 *   open (or acknowledged) for it; a pass closes it automatically; people
 *   acknowledge and resolve (resolving needs a reason).
 */
import type { TCheckStatus } from "@/engine/quality/run-check";
import { AppError } from "@/lib/app-error";

export type TLatestCheckResult = {
  checkId: string;
  checkName: string;
  /** The dataset the check is on (e.g. "silver.orders_clean"). */
  dataset: string;
  severity: "warn" | "error";
  status: TCheckStatus;
};

export type TGateDecision = { blocked: false } | { blocked: true; reason: string; checkIds: string[] };

/** Whether a model reading `inputs` (datasets) may run, given the latest result of every check. */
export function gateModel(inputs: readonly string[], latest: readonly TLatestCheckResult[]): TGateDecision {
  const reads = new Set(inputs);
  const failing = latest.filter((r) => reads.has(r.dataset) && r.severity === "error" && r.status !== "passed");
  if (!failing.length) return { blocked: false };
  const named = failing.map((r) => `"${r.checkName}" on ${r.dataset} ${r.status === "error" ? "could not be evaluated" : "failed"}`);
  return { blocked: true, reason: `Blocked by check ${named.join("; ")}.`, checkIds: failing.map((r) => r.checkId) };
}

export type TIncidentStatus = "open" | "acknowledged" | "resolved";
export type TIncident = {
  status: TIncidentStatus;
  acknowledgedBy?: string;
  acknowledgedAt?: Date;
  resolvedBy?: string;
  resolvedAt?: Date;
  resolution?: string;
  autoResolved?: boolean;
};

export type TIncidentAction = { do: "open" } | { do: "close"; resolution: string } | { do: "nothing" };

/** What a new result of a check does to its incident (`current`: the check's unresolved incident, if any). */
export function incidentAfterResult(severity: "warn" | "error", status: TCheckStatus, current: TIncident | null): TIncidentAction {
  const unresolved = current && current.status !== "resolved";
  if (status === "passed") return unresolved ? { do: "close", resolution: "The check passed again." } : { do: "nothing" };
  if (severity !== "error") return { do: "nothing" };
  return unresolved ? { do: "nothing" } : { do: "open" };
}

/** A person acknowledges an open incident. */
export function acknowledge(incident: TIncident, by: string, at = new Date()): TIncident {
  if (incident.status !== "open") throw new AppError("CONFLICT", `The incident is ${incident.status}; only an open incident can be acknowledged.`);
  return { ...incident, status: "acknowledged", acknowledgedBy: by, acknowledgedAt: at };
}

/** A person resolves an open or acknowledged incident, saying why; the system resolves it (by = null) when the check passes. */
export function resolve(incident: TIncident, by: string | null, reason: string, at = new Date()): TIncident {
  if (incident.status === "resolved") throw new AppError("CONFLICT", "The incident is already resolved.");
  const resolution = reason.trim();
  if (!resolution) throw new AppError("BAD_INPUT", "Say why the incident is resolved (resolution).");
  return { ...incident, status: "resolved", resolvedBy: by ?? undefined, resolvedAt: at, resolution, autoResolved: by === null };
}
