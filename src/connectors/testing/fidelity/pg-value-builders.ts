/**
 * What a value class of the fidelity matrix is, and the small builders the
 * case lists (pg-value-classes.ts, pg-structured-value-classes.ts) share:
 * a class from edges and an arbitrary, integers, ranges and multiranges.
 */
import fc from "fast-check";

export type TValueClass = { name: string; edges?: string[]; generated?: fc.Arbitrary<string> };

export type TPgTypeCase = {
  /** pg_type.typname this case covers (user-defined kinds: "enum", "domain", "composite"). */
  typname: string;
  /** The column type in CREATE TABLE. */
  sql: string;
  classes: TValueClass[];
  /** No array columns (types without an array type). */
  noArrays?: boolean;
  /** The type's array delimiter (pg_type.typdelim) when it is not a comma: box's is ";". */
  delimiter?: string;
};

export const ORDINARY = "ordinary";
export const c = (name: string, edges: string[], generated?: fc.Arbitrary<string>): TValueClass => ({ name, edges, generated });

export const int = (min: number | bigint, max: number | bigint) =>
  typeof min === "bigint" ? fc.bigInt({ min, max: max as bigint }).map(String) : fc.integer({ min, max: max as number }).map(String);

export const range = (bound: fc.Arbitrary<[string, string]>) =>
  bound.chain(([a, b]) => fc.constantFrom(`[${a},${b})`, `(${a},${b}]`, `[${a},${b}]`, `[${a},)`, `(,${b})`));
const ordered = <T>(arb: fc.Arbitrary<T>, cmp: (a: T, b: T) => number, text: (v: T) => string) =>
  fc.tuple(arb, arb).map(([a, b]) => (cmp(a, b) <= 0 ? [text(a), text(b)] : [text(b), text(a)]) as [string, string]);
export const intRange = ordered(fc.integer({ min: -1_000_000, max: 1_000_000 }), (a, b) => a - b, String);
export const dateRange = ordered(
  fc.integer({ min: -600_000, max: 2_900_000 }),
  (a, b) => a - b,
  (d) => new Date(d * 86_400_000).toISOString().slice(0, 10),
);
export const multirange = (r: fc.Arbitrary<[string, string]>) => fc.array(r, { maxLength: 3 }).map((rs) => `{${rs.map(([a, b]) => `[${a},${b})`).join(",")}}`);
