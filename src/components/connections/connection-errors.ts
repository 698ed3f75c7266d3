/**
 * Places a refused create or update of a connection beside what it names:
 * zod field paths ("namespace", "streams.2.cursorField"), the store's
 * "Check the streams: <stream>: …" and "schedule: …" messages, and a name
 * already taken. What names nothing stays general. Pure.
 */
export type TConnectionField = "name" | "sourceId" | "destinationId" | "namespace" | "tablePrefix" | "schedule" | "schemaChangePolicy" | "streams";

export type TConnectionErrors = {
  fields: Partial<Record<TConnectionField, string>>;
  /** By stream name. */
  streams: Record<string, string>;
  general: string | null;
};

type TServerError = { message: string; data?: { fieldErrors?: Array<{ path: string; message: string }> } | null };

const FIELDS: TConnectionField[] = ["name", "sourceId", "destinationId", "namespace", "tablePrefix", "schedule", "schemaChangePolicy", "streams"];

export function connectionErrors(error: TServerError | null | undefined, streamNames: string[]): TConnectionErrors {
  const out: TConnectionErrors = { fields: {}, streams: {}, general: null };
  if (!error) return out;
  const zod = error.data?.fieldErrors;
  if (zod?.length) {
    const rest: string[] = [];
    for (const f of zod) {
      const [head, index] = f.path.split(".");
      const stream = head === "streams" && index !== undefined ? streamNames[Number(index)] : undefined;
      if (stream) out.streams[stream] = f.message;
      else if (FIELDS.includes(head as TConnectionField)) out.fields[head as TConnectionField] = f.message;
      else rest.push(`${f.path}: ${f.message}`);
    }
    out.general = rest.length ? rest.join("; ") : null;
    return out;
  }
  const streamsBody = error.message.match(/^Check the streams: ([\s\S]*?)\.?$/)?.[1];
  if (streamsBody) {
    const rest: string[] = [];
    for (const part of streamsBody.split("; ")) {
      const stream = [...streamNames].sort((a, b) => b.length - a.length).find((n) => part.startsWith(`${n}: `));
      if (stream) out.streams[stream] = part.slice(stream.length + 2);
      else rest.push(part);
    }
    out.general = rest.length ? rest.join("; ") : "Fix the streams marked below.";
    return out;
  }
  if (error.message.startsWith("schedule: ")) out.fields.schedule = error.message.slice("schedule: ".length);
  else if (/^A connection named ".*" already exists/.test(error.message)) out.fields.name = error.message;
  else out.general = error.message;
  return out;
}
