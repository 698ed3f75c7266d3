/**
 * Places a refused create or update of a connection beside what it names:
 * a field ("namespace", "schedule", a name already taken) or a stream, by
 * its index in the input ("streams.2.cursorField" → the third stream's
 * name), as the server names them (field-errors.ts). What names nothing
 * stays general. Pure.
 */
import { formErrors, type TServerError } from "@/components/forms/field-errors";

export type TConnectionField = "name" | "sourceId" | "destinationId" | "namespace" | "tablePrefix" | "schedule" | "schemaChangePolicy" | "streams";

export type TConnectionErrors = {
  fields: Partial<Record<TConnectionField, string>>;
  /** By stream name. */
  streams: Record<string, string>;
  general: string | null;
};

const FIELDS: TConnectionField[] = ["name", "sourceId", "destinationId", "namespace", "tablePrefix", "schedule", "schemaChangePolicy", "streams"];
const STREAM = "stream:";

export function connectionErrors(error: TServerError | null | undefined, streamNames: string[]): TConnectionErrors {
  const fieldOf = (path: string): string | null => {
    const [head, index] = path.split(".");
    const stream = head === "streams" && index !== undefined ? streamNames[Number(index)] : undefined;
    if (stream !== undefined) return `${STREAM}${stream}`;
    return FIELDS.includes(head as TConnectionField) ? head! : null;
  };
  const { fields, general } = formErrors(error, { fieldOf });
  const out: TConnectionErrors = { fields: {}, streams: {}, general };
  for (const [key, message] of Object.entries(fields)) {
    if (!message) continue;
    if (key.startsWith(STREAM)) out.streams[key.slice(STREAM.length)] = message;
    else out.fields[key as TConnectionField] = message;
  }
  if (!out.general && Object.keys(out.streams).length) out.general = "Fix the streams marked below.";
  return out;
}
