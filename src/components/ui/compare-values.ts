/**
 * The ascending order of DataTable's sort values: numbers and dates by
 * value, strings in natural order ("run 2" before "run 10"), nothing last.
 */
export type TSortValue = string | number | boolean | Date | null | undefined;

export function compareValues(a: TSortValue, b: TSortValue): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === "string" && typeof y === "string") return x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
  if (typeof x === typeof y) return x < y ? -1 : x > y ? 1 : 0;
  return String(x).localeCompare(String(y), undefined, { numeric: true });
}
