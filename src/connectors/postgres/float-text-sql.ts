/**
 * Floats in the wire's layout. With extra_float_digits = 1 PostgreSQL prints
 * a float's shortest round-trip digits, but laid out its own way ("1e-07",
 * "1e+15"); Weir's wire format uses JavaScript's Number#toString layout
 * ("1e-7", "1000000000000000"). Shared by float columns (wire-sql.ts) and
 * float array elements (array-json-sql.ts).
 */

/**
 * JavaScript's layout of a float's shortest digits: plain notation for
 * exponents -6…20, else d.ddde±n without zero-padding. Exponent forms inside
 * that range go through numeric, whose text is always plain. NaN and
 * ±Infinity pass as PostgreSQL writes them, which is the wire text; -0
 * becomes 0 as String(-0) does.
 */
export function floatTextSql(expr: string): string {
  const t = `(${expr})::text`;
  return (
    `CASE WHEN strpos(${t}, 'e') > 0 THEN ` +
    `CASE WHEN split_part(${t}, 'e', 2)::int BETWEEN -6 AND 20 THEN ((${t})::numeric)::text ` +
    `ELSE regexp_replace(${t}, 'e([+-])0+(\\d)', 'e\\1\\2') END ` +
    `WHEN ${t} = '-0' THEN '0' ELSE ${t} END`
  );
}
