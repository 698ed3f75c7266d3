/**
 * What Weir reaches of a dbt project in the warehouse an import names: the
 * columns of each relation it finds there (information_schema, through the
 * destination's own session), or why it reaches none (the warehouse could
 * not be opened). A test on a relation Weir does not reach is "dbt-run
 * only": its results come from dbt alone, and Weir never runs it.
 */
import { type TDescribedRelation, describeRelations } from "@/engine/lineage/describe-relations";
import { openWarehouse } from "@/engine/transform/warehouses/open-warehouse";
import type { Logger } from "@/lib/logger";
import { scrubSecrets } from "@/lib/secret-scrub";

export type TDbtReach = {
  /** Relations found, by lower-case `schema.table`. */
  described: Map<string, TDescribedRelation>;
  /** Why Weir reaches no relation of the warehouse at all; null when it could look. */
  unreachable: string | null;
};

export async function reachDbtRelations(
  destination: { connector: string; name: string; config: unknown },
  relations: readonly string[],
  log: Logger,
): Promise<TDbtReach> {
  const wanted = [...new Set(relations.map((r) => r.toLowerCase()))];
  let warehouse: Awaited<ReturnType<typeof openWarehouse>>;
  try {
    warehouse = await openWarehouse(destination, { log, attribution: { kind: "lineage", dataset: "dbt import" } });
  } catch (e) {
    return {
      described: new Map(),
      unreachable: scrubSecrets(`Weir could not open the warehouse "${destination.name}": ${e instanceof Error ? e.message : String(e)}`),
    };
  }
  try {
    return { described: await describeRelations(warehouse, wanted), unreachable: null };
  } catch (e) {
    return {
      described: new Map(),
      unreachable: scrubSecrets(`Weir could not list the relations of "${destination.name}": ${e instanceof Error ? e.message : String(e)}`),
    };
  } finally {
    await warehouse.close();
  }
}

/** Why Weir cannot run a test reading `relations` (lower-case `schema.table`), or null when it can. */
export function dbtRunOnlyReason(reach: TDbtReach, destinationName: string, relations: readonly string[]): string | null {
  if (reach.unreachable) return reach.unreachable;
  const missing = relations.filter((r) => !reach.described.has(r.toLowerCase()));
  if (!missing.length) return null;
  return `The warehouse "${destinationName}" Weir reaches has no ${missing.join(", ")}: dbt builds ${missing.length > 1 ? "them" : "it"} elsewhere, so only dbt runs this test.`;
}
