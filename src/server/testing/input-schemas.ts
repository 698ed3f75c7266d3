/**
 * The input schema of every tRPC procedure (with its tier) and of every API
 * route that parses its input with zod, as JSON Schema (zod's own
 * conversion). The fuzz tier (e2e/fuzz/, through src/cli/print-input-schemas.ts)
 * generates hostile inputs from them, and input-bounds.integration.test.ts checks that
 * every field is bounded; a procedure added tomorrow is covered by both
 * without anyone listing it.
 */
import { z } from "zod";

import { ZImpactInput } from "@/server/catalog/catalog-contracts";
import { ZLineageApiQuery } from "@/server/lineage/lineage-contracts";
import { listProcedures } from "@/server/procedure-tiers";
import { appRouter } from "@/server/root";
import { ZDbtImportInput } from "@/server/transforms/dbt-import";

export type TJsonSchema = Record<string, unknown>;
export type TProcedureInput = { path: string; type: "query" | "mutation" | "subscription"; tier: string | null; input: TJsonSchema | null };
export type TInputSchemas = { procedures: TProcedureInput[]; routes: Record<string, TJsonSchema> };

const toJson = (schema: z.ZodType): TJsonSchema => z.toJSONSchema(schema, { io: "input", unrepresentable: "any", reused: "inline" }) as TJsonSchema;

export function inputSchemas(): TInputSchemas {
  const defs = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[] } }>;
  const procedures = listProcedures(appRouter).map((p) => {
    const inputs = defs[p.path]!._def.inputs;
    // Every procedure has at most one .input() (none chains a second).
    return { ...p, input: inputs.length ? toJson(inputs[0]!) : null };
  });
  return {
    procedures,
    routes: {
      "GET /api/v1/lineage": toJson(ZLineageApiQuery),
      "GET /api/v1/datasets/[id]/impact.csv": toJson(ZImpactInput),
      "POST /api/v1/dbt/import": toJson(ZDbtImportInput),
    },
  };
}
