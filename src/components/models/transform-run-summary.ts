/**
 * A transform run in a few words: how many of its models ended each way
 * ("2 succeeded · 1 blocked"), and each model's latest build across runs.
 * Pure.
 */

const ORDER = ["failed", "blocked", "skipped", "cancelled", "running", "queued", "succeeded"];

export function summarizeModels(models: ReadonlyArray<{ status: string }>): string {
  if (models.length === 0) return "no models";
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
    .map(([status, n]) => `${n} ${status}`)
    .join(" · ");
}

export type TLatestBuild = { runId: string; status: string; at: Date; reason: string | null; error: string | null };

/** Each model's build in the newest run that included it (runs newest first). */
export function latestBuilds(
  runs: ReadonlyArray<{
    id: string;
    queuedAt: Date;
    finishedAt: Date | null;
    models: ReadonlyArray<{ model: string; status: string; reason: string | null; error: string | null }>;
  }>,
): Map<string, TLatestBuild> {
  const out = new Map<string, TLatestBuild>();
  for (const run of runs) {
    for (const m of run.models) {
      if (!out.has(m.model)) out.set(m.model, { runId: run.id, status: m.status, at: run.finishedAt ?? run.queuedAt, reason: m.reason, error: m.error });
    }
  }
  return out;
}
