/**
 * Places the configuration problems a server refusal lists (by path under
 * `config`, see field-errors.ts) on the connector form's fields, as an rjsf
 * error schema. Pure.
 */
import type { ErrorSchema } from "@rjsf/utils";
import { isObject, type TFieldPath } from "@/components/endpoints/connector-form-model";

export type TNamedError = { path: TFieldPath; message: string };

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
