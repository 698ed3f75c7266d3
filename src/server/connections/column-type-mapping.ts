/**
 * How each column of a connection's selected streams travels: the source's
 * type and its conversion note (TColumn.conversion), the Weir type, and how
 * the destination stores it (describeType: its column type, the rule when
 * values are converted, the values it refuses), with the choice a person
 * made after a type change. The connection page shows it, so a converted
 * or refused value is never a surprise.
 */
import { z } from "zod";
import { destinationConnector } from "@/connectors/registry";
import { weirTypeName } from "@/connectors/type-widening";
import type { TColumn } from "@/connectors/types";
import { db } from "@/db/client";
import { AppError } from "@/lib/app-error";
import { readOverrides } from "@/engine/sync/column-choices";

export const ZColumnTypeMappingOutput = z.array(
  z.object({
    stream: z.string(),
    columns: z.array(
      z.object({
        name: z.string(),
        sourceType: z.string().nullable(),
        /** The source's note when its values become the Weir type by a rule. */
        sourceConversion: z.string().nullable(),
        weirType: z.string(),
        destination: z.object({ type: z.string(), conversion: z.string().nullable(), refuses: z.array(z.string()) }),
        /** After a type change: cast (kept at this type) or ignore (not loaded). */
        choice: z.enum(["cast", "ignore"]).nullable(),
      }),
    ),
  }),
);
export type TColumnTypeMappingOutput = z.infer<typeof ZColumnTypeMappingOutput>;

export async function columnTypeMapping(connectionId: string): Promise<TColumnTypeMappingOutput> {
  const connection = await db().connection.findUnique({
    where: { id: connectionId },
    select: { destination: { select: { connector: true } }, streams: { where: { selected: true }, orderBy: { stream: "asc" } } },
  });
  if (!connection) throw new AppError("NOT_FOUND", "No connection with that id. It may have been deleted; reload the list.");
  const destination = destinationConnector(connection.destination.connector);
  return connection.streams.map((s) => {
    const overrides = readOverrides(s.columnOverrides);
    return {
      stream: s.stream,
      columns: ((s.columns as TColumn[]) ?? []).map((c) => {
        const stored = destination.describeType(c.type);
        return {
          name: c.name,
          sourceType: c.sourceType ?? null,
          sourceConversion: c.conversion ?? null,
          weirType: weirTypeName(c.type),
          destination: { type: stored.type, conversion: stored.conversion ?? null, refuses: stored.refuses ?? [] },
          choice: overrides[c.name]?.choice ?? null,
        };
      }),
    };
  });
}
