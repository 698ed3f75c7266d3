/**
 * SQL text building blocks for the DuckDB destination: quoted identifiers,
 * string and timestamp literals, and literal file paths for DuckDB's readers.
 * Every name that reaches SQL goes through `ident`, so schema, table and
 * column names with quotes, spaces, dots, unicode or reserved words
 * (`order`, `select`, `user`) round-trip. Pure string building.
 */

/** A double-quoted identifier ("" escapes a quote). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`. */
export function qualified(namespace: string, table: string): string {
  return `${ident(namespace)}.${ident(table)}`;
}

/** A single-quoted string literal (DuckDB takes backslashes literally). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A string literal, or NULL typed as VARCHAR. */
export function sqlStringOrNull(text: string | null): string {
  return text === null ? "CAST(NULL AS VARCHAR)" : sqlString(text);
}

/** A TIMESTAMPTZ literal of a JavaScript date (millisecond precision). */
export function timestamptzLiteral(date: Date): string {
  return `CAST(${sqlString(date.toISOString())} AS TIMESTAMPTZ)`;
}

/** A path literal for read_csv, which globs its argument: `[`, `*`, `?` become one-character classes. */
export function globLiteral(path: string): string {
  return sqlString(path.replace(/[[*?]/g, (c) => `[${c}]`));
}

/**
 * `body` evaluated with the lambda parameter `name` bound to `value`, which
 * DuckDB then computes once per row. A subexpression spelled out at each of
 * its uses multiplies the SQL: the numeric cursor key (cursor-sql.ts) was
 * 69 KB and took DuckDB 200 ms to bind each time it appeared. `name` must
 * differ from the parameters of lambdas around `body`. Not for ALTER …
 * USING, whose binder takes a lambda's parameters for table columns.
 */
export function bindSql(value: string, name: string, body: string): string {
  return `list_transform([${value}], lambda ${name}: ${body})[1]`;
}
