/**
 * Turns a failed save or test of an endpoint into errors in place: the name
 * field's, the configuration fields' (as an rjsf error schema), and whatever
 * is left for the alert above the buttons.
 */
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { parseNamedErrors, toErrorSchema } from "@/components/endpoints/server-field-errors";

type TServerError = { message: string; data?: { code?: string; fieldErrors?: Array<{ path: string; message: string }> } | null } | null;

export type TEndpointFormErrors = { name: string | null; config: ErrorSchema | undefined; general: string | null };

export const NO_ERRORS: TEndpointFormErrors = { name: null, config: undefined, general: null };

export function endpointFormErrors(error: TServerError, schema: RJSFSchema): TEndpointFormErrors {
  if (!error) return NO_ERRORS;
  const zodFields = error.data?.fieldErrors ?? [];
  const nameError = zodFields.find((f) => f.path === "name")?.message ?? (/ named ".*" already exists/.test(error.message) ? error.message : null);
  const named = parseNamedErrors(error.message);
  if (named) {
    const { errorSchema, unmatched } = toErrorSchema(schema, named);
    const general = unmatched.length
      ? unmatched.map((e) => `${e.path.join(".")}: ${e.message}`).join("; ")
      : "Fix the fields marked below.";
    return { name: nameError, config: errorSchema, general };
  }
  return { name: nameError, config: undefined, general: nameError ? null : error.message };
}
