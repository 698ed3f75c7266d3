/**
 * What a query's expressions can name: the FROM items in scope (tables,
 * CTEs, subqueries), each with the columns it offers and where they come
 * from, the columns merged by JOIN … USING, and the enclosing query's scope
 * for correlated subqueries. Resolves column references the way DuckDB
 * binds them and expands `*`; says why when a reference cannot be traced
 * instead of guessing. Pure.
 */
import { type TLineage, NO_LINEAGE, atLeast, mergeLineage, unresolvedLineage } from "@/engine/lineage/sql/column-sources";
import type { TAstExpr, TAstStar } from "@/engine/lineage/sql/sql-ast";

/** Columns a FROM item cannot list (a table of unknown columns, or `*` over one); `resolve` traces one by name when that is certain. */
export type TUnknownColumns = { reason: string; resolve?: (column: string) => TLineage };

/** A column a query or FROM item offers; with `unknown`, a stand-in at the place of columns it cannot list. */
export type TItemColumn = { name: string; lineage: TLineage; unknown?: TUnknownColumns };

/** A FROM item: the names `x.col` can qualify it by (lower-case), how messages name it, its columns. */
export type TFromItem = { qualifiers: string[]; label: string; columns: TItemColumn[] };

export type TScope = { items: TFromItem[]; using: TItemColumn[]; outer?: TScope };

/** A lookup's outcome: the column's lineage, why it cannot be traced, or undefined when the column is not there. */
type TLookup = { lineage: TLineage } | { reason: string } | undefined;

export const EMPTY_SCOPE: TScope = { items: [], using: [] };

/** SQL's niladic functions, which DuckDB's parser reads as column references: values, unless a column has the name. */
const VALUE_KEYWORDS = new Set([
  "current_date",
  "current_time",
  "current_timestamp",
  "localtime",
  "localtimestamp",
  "current_user",
  "user",
  "session_user",
  "current_role",
  "current_catalog",
  "current_schema",
]);

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function labels(items: readonly TFromItem[]): string {
  return items.map((item) => item.label).join(", ");
}

function lineageOf(lookup: NonNullable<TLookup>): TLineage {
  return "lineage" in lookup ? lookup.lineage : unresolvedLineage(lookup.reason);
}

function knownColumn(item: TFromItem, name: string): TItemColumn | undefined {
  return item.columns.find((c) => !c.unknown && same(c.name, name));
}

function hasUnknown(item: TFromItem): boolean {
  return item.columns.some((c) => c.unknown);
}

/** `name` in one FROM item. */
function columnOf(item: TFromItem, name: string): TLookup {
  const column = knownColumn(item, name);
  if (column) return { lineage: column.lineage };
  const unknown = item.columns.flatMap((c) => (c.unknown ? [c.unknown] : []));
  const [only] = unknown;
  if (only?.resolve && unknown.length === 1) return { lineage: only.resolve(name) };
  if (unknown.length) return { reason: `column "${name}" cannot be traced: ${unknown.map((u) => u.reason).join("; ")}` };
  return undefined;
}

/**
 * An unqualified `name` among the FROM items of one scope: a USING column,
 * else the one item that has it. When some items' columns are unknown it is
 * traced into one only if that is the scope's sole item.
 */
function lookupInScope(scope: TScope, name: string): TLookup {
  const using = scope.using.find((c) => same(c.name, name));
  if (using) return { lineage: using.lineage };
  const holders = scope.items.filter((item) => knownColumn(item, name));
  if (holders.length === 1) return columnOf(holders[0]!, name);
  if (holders.length > 1) return { reason: `column "${name}" is ambiguous: it is in ${labels(holders)}` };
  const unknown = scope.items.filter(hasUnknown);
  if (!unknown.length) return undefined;
  if (scope.items.length === 1) return columnOf(unknown[0]!, name);
  const known = scope.items.filter((item) => !hasUnknown(item));
  return known.length
    ? { reason: `column "${name}" is in none of ${labels(known)}, and the columns of ${labels(unknown)} are unknown` }
    : { reason: `column "${name}" could be in any of ${labels(unknown)}, whose columns are unknown` };
}

function missingReason(scope: TScope, name: string): string {
  return scope.items.length ? `column "${name}" is in none of ${labels(scope.items)}` : `column "${name}" has no FROM item to come from`;
}

/** The FROM item qualified by `qualifier` in this scope or an enclosing one. */
function findItem(scope: TScope | undefined, qualifier: string): TFromItem | undefined {
  for (let s = scope; s; s = s.outer) {
    const item = s.items.find((i) => i.qualifiers.includes(qualifier));
    if (item) return item;
  }
  return undefined;
}

/** Whether a listed column of a FROM item in this scope or an enclosing one, or a select-list alias, is named `name`. */
function isListed(scope: TScope, name: string, aliases: readonly TItemColumn[]): boolean {
  const listed = (columns: readonly TItemColumn[]): boolean => columns.some((c) => !c.unknown && same(c.name, name));
  for (let s: TScope | undefined = scope; s; s = s.outer) if (listed(s.using) || s.items.some((item) => listed(item.columns))) return true;
  return listed(aliases);
}

/** An unqualified column: this scope's FROM items, then the select list's aliases, then enclosing scopes. */
function lookupUnqualified(scope: TScope, name: string, aliases: readonly TItemColumn[]): TLookup {
  const here = lookupInScope(scope, name);
  if (here) return here;
  const alias = aliases.find((c) => !c.unknown && same(c.name, name));
  if (alias) return { lineage: alias.lineage };
  for (let s = scope.outer; s; s = s.outer) {
    const found = lookupInScope(s, name);
    if (found) return found;
  }
  return undefined;
}

/** A column name in one scope only, as JOIN … USING names it on each side. */
export function resolveInScope(scope: TScope, name: string): TLineage {
  const lookup = lookupInScope(scope, name);
  return lookup ? lineageOf(lookup) : unresolvedLineage(missingReason(scope, name));
}

/**
 * A column reference (`col`, `t.col`, `schema.t.col`, `t.col.field`): the
 * longest prefix that names a FROM item qualifies it, as DuckDB binds it;
 * otherwise its first part is a column and the rest struct fields. A struct
 * field is a TRANSFORMATION of its column.
 */
export function resolveColumnRef(scope: TScope, names: readonly string[], aliases: readonly TItemColumn[]): TLineage {
  for (let k = Math.min(names.length - 1, 3); k >= 1; k--) {
    const item = findItem(scope, names.slice(0, k).join(".").toLowerCase());
    if (!item) continue;
    const column = names[k]!;
    const lookup = columnOf(item, column);
    const lineage = lookup ? lineageOf(lookup) : unresolvedLineage(`column "${column}" is not in ${item.label}`);
    return names.length > k + 1 ? atLeast(lineage, "TRANSFORMATION") : lineage;
  }
  const [column = "", ...fields] = names;
  if (!fields.length && VALUE_KEYWORDS.has(column.toLowerCase()) && !isListed(scope, column, aliases)) return NO_LINEAGE;
  const lookup = lookupUnqualified(scope, column, aliases);
  if (!lookup) {
    return unresolvedLineage(
      fields.length ? `"${names.join(".")}" names no FROM item and no column "${column}" of ${labels(scope.items) || "any"}` : missingReason(scope, column),
    );
  }
  return fields.length ? atLeast(lineageOf(lookup), "TRANSFORMATION") : lineageOf(lookup);
}

type TStarColumn = { column: TItemColumn; item: TFromItem };

/** The columns `*` or `t.*` stands for in `scope`: USING columns once, at the left side's place. */
function starColumns(scope: TScope, qualifier: string): TStarColumn[] {
  const items = qualifier ? scope.items.filter((item) => item.qualifiers.includes(qualifier)) : scope.items;
  const merged = new Set<string>();
  const columns: TStarColumn[] = [];
  for (const item of items) {
    for (const column of item.columns) {
      const using = qualifier || column.unknown ? undefined : scope.using.find((c) => same(c.name, column.name));
      if (!using) columns.push({ column, item });
      else if (!merged.has(using.name.toLowerCase())) {
        merged.add(using.name.toLowerCase());
        columns.push({ column: using, item });
      }
    }
  }
  return columns;
}

/** Whether COLUMNS(…)'s argument keeps a column: a regular expression, or everything for COLUMNS(*). */
function columnsFilter(star: TAstStar): ((name: string) => boolean) | string {
  if (!star.columns || !star.expr) return () => true;
  const pattern = star.expr.class === "CONSTANT" ? (star.expr as { value?: { value?: unknown } }).value?.value : undefined;
  if (typeof pattern !== "string") return "COLUMNS(…) with a lambda or a list is not traced";
  try {
    const regex = new RegExp(pattern);
    return (name) => regex.test(name);
  } catch {
    return `COLUMNS('${pattern}') is not a regular expression this analysis can read`;
  }
}

/**
 * The output columns of a `*` in a select list, with EXCLUDE, REPLACE,
 * RENAME and COLUMNS('regex') applied. Columns that cannot be listed stay
 * as one stand-in named like the star.
 */
export function expandStar(scope: TScope, star: TAstStar, replacement: (expr: TAstExpr) => TLineage): TItemColumn[] {
  const qualifier = star.relation_name.toLowerCase();
  const text = star.relation_name ? `${star.relation_name}.*` : "*";
  if (qualifier && !scope.items.some((item) => item.qualifiers.includes(qualifier))) {
    return [{ name: text, lineage: unresolvedLineage(`no FROM item is named "${star.relation_name}"`) }];
  }
  const keep = columnsFilter(star);
  if (typeof keep === "string") return [{ name: star.alias || "COLUMNS(…)", lineage: unresolvedLineage(keep) }];
  const excluded = (entry: TStarColumn): boolean =>
    star.exclude_list.some((name) => same(name, entry.column.name)) ||
    (star.qualified_exclude_list ?? []).some((q) => same(q.column, entry.column.name) && (!q.table || entry.item.qualifiers.includes(q.table.toLowerCase())));
  return starColumns(scope, qualifier).flatMap(({ column, item }): TItemColumn[] => {
    if (column.unknown) return [{ ...column, name: text }];
    if (!keep(column.name) || excluded({ column, item })) return [];
    const replace = star.replace_list.find((r) => same(r.key, column.name));
    const rename = (star.rename_list ?? []).find(
      (r) => same(r.key.column, column.name) && (!r.key.table || item.qualifiers.includes(r.key.table.toLowerCase())),
    );
    return [{ name: rename?.value ?? column.name, lineage: replace ? replacement(replace.value) : column.lineage }];
  });
}

/** Where everything `*` stands for comes from, as when `count(t.*)` or `hash(*)` reads whole rows. */
export function starLineage(scope: TScope, star: TAstStar): TLineage {
  const columns = expandStar(scope, star, () => NO_LINEAGE);
  return mergeLineage(columns.map((c) => (c.unknown ? unresolvedLineage(c.unknown.reason) : c.lineage)));
}
