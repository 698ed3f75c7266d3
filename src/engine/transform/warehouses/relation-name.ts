/**
 * How a warehouse writes the relation `schema.name` in SQL, without
 * connecting to it (for compiled SQL shown before a build): its connector's
 * `warehouse.relation`, the same function its sessions' `relation()` use
 * when they build.
 */
import { DESTINATIONS } from "@/connectors/registry";

/** Standard SQL's `"schema"."name"` ("" escapes a quote), for a destination that is gone or no warehouse. */
function doubleQuoted(schema: string, name: string): string {
  return [schema, name].map((part) => `"${part.replaceAll('"', '""')}"`).join(".");
}

/** `relation(schema, name)` for destinations of `connector`. */
export function relationNameFor(connector: string | undefined): (schema: string, name: string) => string {
  return DESTINATIONS.find((c) => c.name === connector)?.warehouse?.relation ?? doubleQuoted;
}
