/**
 * Reads the fields a server refusal names, so the form can show each message
 * beside its field. The endpoint store answers bad configurations with
 * "Check the configuration: host: …; port: …." and zod input errors come as
 * data.fieldErrors ({ path, message }). Pure.
 */
import type { ErrorSchema } from "@rjsf/utils";
import { isObject, type TFieldPath } from "@/components/endpoints/connector-form-model";

export type TNamedError = { path: TFieldPath; message: string };

/** "Check the configuration: host: required; auth.token: too short." → the named parts; null when the message names none. */
export function parseNamedErrors(message: string): TNamedError[] | null {
  const body = message.match(/^Check the [a-z ]+?: ([\s\S]*?)\.?$/)?.[1];
  if (!body) return null;
  const parts = body.split("; ").map((part) => {
    const m = part.match(/^([^\s:]+): ([\s\S]+)$/);
    if (!m) return null;
    const path = m[1]!.replace(/^\/+/, "").split(/[./]/).filter(Boolean);
    return path.length ? { path, message: m[2]! } : null;
  });
  return parts.every((p) => p !== null) ? (parts as TNamedError[]) : null;
}

/** Whether the form has a field at this path; array items are addressed by index ("streams.0.name"). */
function hasPath(schema: unknown, path: TFieldPath): boolean {
  let node = schema;
  for (const key of path) {
    if (isObject(node) && isObject(node.items) && /^\d+$/.test(key)) node = node.items;
    else if (isObject(node) && isObject(node.properties) && key in node.properties) node = node.properties[key];
    else return false;
  }
  return true;
}

/** Splits named errors into an rjsf error schema (fields the form has) and the rest (shown above the buttons). */
export function toErrorSchema(schema: unknown, errors: TNamedError[]): { errorSchema: ErrorSchema; unmatched: TNamedError[] } {
  const errorSchema: Record<string, unknown> = {};
  const unmatched: TNamedError[] = [];
  for (const e of errors) {
    if (!hasPath(schema, e.path)) {
      unmatched.push(e);
      continue;
    }
    let node = errorSchema;
    for (const key of e.path) node = (node[key] ??= {}) as Record<string, unknown>;
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), e.message];
  }
  return { errorSchema: errorSchema as ErrorSchema, unmatched };
}
