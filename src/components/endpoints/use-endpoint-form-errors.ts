/**
 * Turns a failed save or test of an endpoint into errors in place: the name
 * field's, the configuration fields' (as an rjsf error schema), and whatever
 * is left for the alert above the buttons. The server lists configuration
 * problems by path under `config` (field-errors.ts).
 */
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { toErrorSchema } from "@/components/endpoints/server-field-errors";
import { fieldIssues, formErrors, issueSentence, type TServerError } from "@/components/forms/field-errors";

export type TEndpointFormErrors = { name: string | null; config: ErrorSchema | undefined; general: string | null };

export const NO_ERRORS: TEndpointFormErrors = { name: null, config: undefined, general: null };

const CONFIG = "config.";

export function endpointFormErrors(error: TServerError | null, schema: RJSFSchema): TEndpointFormErrors {
  if (!error) return NO_ERRORS;
  const { fields, general } = formErrors(error, { fieldOf: (path) => (path === "name" ? "name" : path.startsWith(CONFIG) ? "config" : null) });
  const name = fields.name ?? null;
  const named = fieldIssues(error)
    .filter((i) => i.path.startsWith(CONFIG))
    .map((i) => ({ path: i.path.slice(CONFIG.length).split("."), message: i.message }));
  if (!named.length) return { name, config: undefined, general };
  const { errorSchema, unmatched } = toErrorSchema(schema, named);
  const rest = [...unmatched.map((e) => issueSentence({ path: e.path.join("."), message: e.message })), ...(general ? [general] : [])];
  return { name, config: errorSchema, general: rest.length ? rest.join(" ") : "Fix the fields marked below." };
}
