/**
 * The shapes column lineage speaks in: what a query may read and where an output column comes
 * from. Their own module so the analysers in sql/ and column-lineage.ts, which drives them, can
 * all name them without importing each other in a circle.
 */

/** A relation the SQL may read: `schema.table` (lower-case, unquoted) and its columns, null when unknown. */
export type TRelationColumns = { relation: string; columns: readonly string[] | null };

export type TColumnSource = { relation: string; column: string; transformation: "IDENTITY" | "TRANSFORMATION" | "AGGREGATION" };

/** An output column; `unresolved` says, for a person, why (part of) its sources could not be traced. */
export type TOutputColumn = { name: string; sources: TColumnSource[]; unresolved?: string };
