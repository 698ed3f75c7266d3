/**
 * The zod form of a discovered catalog (src/connectors/types.ts TCatalog), for
 * procedure outputs.
 */
import { z } from "zod";
import { WEIR_PLAIN_KINDS, type TWeirType } from "@/connectors/types";

export const ZWeirType: z.ZodType<TWeirType> = z.lazy(() =>
  z.union([
    z.object({ kind: z.enum(WEIR_PLAIN_KINDS) }),
    z.object({ kind: z.literal("numeric"), precision: z.number().optional(), scale: z.number().optional() }),
    z.object({ kind: z.literal("array"), items: ZWeirType }),
  ]),
) as z.ZodType<TWeirType>;

export const ZColumn = z.object({
  name: z.string(),
  type: ZWeirType,
  nullable: z.boolean(),
  sourceType: z.string().optional(),
  conversion: z.string().optional(),
});

export const ZStreamDescriptor = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  columns: z.array(ZColumn),
  primaryKey: z.array(z.string()),
  cursorCandidates: z.array(z.string()),
  supportsIncremental: z.boolean(),
  incrementalBy: z.enum(["cursor", "objects"]).optional(),
  estimatedRows: z.number().optional(),
});

export const ZCatalog = z.object({ streams: z.array(ZStreamDescriptor) });
