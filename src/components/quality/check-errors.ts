/**
 * A refused check, placed beside what it names: top-level inputs and the
 * kind's own (check.<field>), as the server names them (field-errors.ts).
 * What names no field stays general. Pure.
 */
import { formErrors, type TServerError } from "@/components/forms/field-errors";

export type TCheckErrors = { fields: Record<string, string>; general: string | null };

/** Fields the form shows: top-level inputs and the kind's own (check.<field>). */
const KNOWN = new Set([
  "name",
  "severity",
  "mostly",
  "destinationId",
  "datasetSchema",
  "datasetTable",
  "modelId",
  "stream",
  "check",
  "check.column",
  "check.columns",
  "check.values",
  "check.toSchema",
  "check.toTable",
  "check.toColumn",
  "check.min",
  "check.max",
  "check.maxAgeSeconds",
  "check.pattern",
  "check.expression",
  "check.sql",
]);

function known(path: string): string | null {
  if (KNOWN.has(path)) return path;
  const trimmed = path.replace(/\.\d+$/, ""); // check.columns.0 → check.columns
  return KNOWN.has(trimmed) ? trimmed : null;
}

export function checkErrors(error: TServerError | null | undefined): TCheckErrors {
  const { fields, general } = formErrors(error, { fieldOf: known });
  return { fields: fields as Record<string, string>, general };
}
