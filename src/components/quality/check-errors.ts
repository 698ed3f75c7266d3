/**
 * A refused check, placed beside what it names: zod paths ("check.column",
 * "mostly") and the store's "name: …" / "destinationId: …" messages. What
 * names no field stays general. Pure.
 */
export type TCheckErrors = { fields: Record<string, string>; general: string | null };

type TServerError = { message: string; data?: { fieldErrors?: Array<{ path: string; message: string }> | undefined } | null };

/** Fields the form shows: top-level inputs and the kind's own (check.<field>). */
const KNOWN = new Set([
  "name", "severity", "mostly", "destinationId", "datasetSchema", "datasetTable", "modelId", "stream",
  "check", "check.column", "check.columns", "check.values", "check.toSchema", "check.toTable", "check.toColumn",
  "check.min", "check.max", "check.maxAgeSeconds", "check.pattern", "check.expression", "check.sql",
]);

function known(path: string): string | null {
  if (KNOWN.has(path)) return path;
  const trimmed = path.replace(/\.\d+$/, ""); // check.columns.0 → check.columns
  return KNOWN.has(trimmed) ? trimmed : null;
}

export function checkErrors(error: TServerError | null | undefined): TCheckErrors {
  const out: TCheckErrors = { fields: {}, general: null };
  if (!error) return out;
  const zod = error.data?.fieldErrors;
  if (zod?.length) {
    const rest: string[] = [];
    for (const f of zod) {
      const field = known(f.path);
      if (field) out.fields[field] ??= f.message;
      else rest.push(f.path ? `${f.path}: ${f.message}` : f.message);
    }
    out.general = rest.length ? rest.join("; ") : null;
    return out;
  }
  const named = error.message.match(/^([A-Za-z.]+): ([\s\S]*)$/);
  const field = named ? known(named[1]!) : null;
  if (field) out.fields[field] = named![2]!;
  else out.general = error.message;
  return out;
}
