/**
 * The parts of DuckDB's JSON parse tree (`json_serialize_sql`, DuckDB 1.5)
 * that lineage reads. Only the fields used are typed; nodes carry more.
 * Expressions are walked generically (see analyze-expression.ts), so an
 * expression class not named here still has its column references found.
 */

/** Any expression: `class` says which (COLUMN_REF, FUNCTION, WINDOW, SUBQUERY, STAR, CASE…). */
export type TAstExpr = { class: string; type: string; alias: string; [field: string]: unknown };

export type TAstColumnRef = TAstExpr & { class: "COLUMN_REF"; column_names: string[] };

export type TAstFunction = TAstExpr & {
  class: "FUNCTION";
  function_name: string;
  children: TAstExpr[];
  filter: TAstExpr | null;
  order_bys?: { orders: TAstOrder[] };
};

export type TAstWindow = TAstExpr & {
  class: "WINDOW";
  function_name: string;
  children: TAstExpr[];
  partitions: TAstExpr[];
  orders: TAstOrder[];
  filter_expr: TAstExpr | null;
};

export type TAstSubquery = TAstExpr & {
  class: "SUBQUERY";
  subquery_type: "SCALAR" | "EXISTS" | "NOT_EXISTS" | "ANY" | string;
  subquery: { node: TAstQuery };
  child: TAstExpr | null;
};

export type TAstLambda = TAstExpr & { class: "LAMBDA"; lhs: TAstExpr; expr: TAstExpr };

export type TAstQualifiedName = { schema: string; table: string; column: string };

export type TAstStar = TAstExpr & {
  class: "STAR";
  relation_name: string;
  exclude_list: string[];
  qualified_exclude_list?: TAstQualifiedName[];
  replace_list: { key: string; value: TAstExpr }[];
  rename_list?: { key: TAstQualifiedName; value: string }[];
  /** COLUMNS(…): `expr` is its argument (a regular expression, or null for COLUMNS(*)). */
  columns: boolean;
  expr: TAstExpr | null;
};

export type TAstConstant = TAstExpr & { class: "CONSTANT"; value: { type: { id: string }; is_null: boolean; value?: unknown } };

export type TAstOrder = { expression: TAstExpr };

export type TAstModifier =
  | { type: "ORDER_MODIFIER"; orders: TAstOrder[] }
  | { type: "DISTINCT_MODIFIER"; distinct_on_targets: TAstExpr[] }
  | { type: "LIMIT_MODIFIER" | "LIMIT_PERCENT_MODIFIER" };

export type TAstCteMap = { map: { key: string; value: { aliases: string[]; query: { node: TAstQuery } } }[] };

type TAstQueryBase = { modifiers: TAstModifier[]; cte_map: TAstCteMap };

export type TAstSelect = TAstQueryBase & {
  type: "SELECT_NODE";
  select_list: TAstExpr[];
  from_table: TAstTableRef;
  where_clause: TAstExpr | null;
  group_expressions: TAstExpr[];
  /** FORCE_AGGREGATES is GROUP BY ALL. */
  aggregate_handling: string;
  having: TAstExpr | null;
  qualify: TAstExpr | null;
};

export type TAstSetOperation = TAstQueryBase & {
  type: "SET_OPERATION_NODE";
  setop_type: "UNION" | "UNION_BY_NAME" | "EXCEPT" | "INTERSECT" | string;
  left: TAstQuery;
  right: TAstQuery;
};

export type TAstRecursiveCte = TAstQueryBase & { type: "RECURSIVE_CTE_NODE"; cte_name: string; aliases: string[]; left: TAstQuery; right: TAstQuery };

export type TAstQuery = TAstSelect | TAstSetOperation | TAstRecursiveCte;

export type TAstBaseTable = { type: "BASE_TABLE"; alias: string; catalog_name: string; schema_name: string; table_name: string; column_name_alias: string[] };

export type TAstJoin = {
  type: "JOIN";
  alias: string;
  left: TAstTableRef;
  right: TAstTableRef;
  condition: TAstExpr | null;
  /** INNER, LEFT, RIGHT, FULL, SEMI, ANTI… */
  join_type: string;
  /** REGULAR, CROSS, NATURAL, ASOF, POSITIONAL, DEPENDENT… */
  ref_type: string;
  using_columns: string[];
};

export type TAstSubqueryRef = { type: "SUBQUERY"; alias: string; subquery: { node: TAstQuery }; column_name_alias: string[] };

export type TAstValues = { type: "EXPRESSION_LIST"; alias: string; values: TAstExpr[][] };

export type TAstTableFunction = { type: "TABLE_FUNCTION"; alias: string; function: TAstExpr; column_name_alias: string[] };

export type TAstTableRef = TAstBaseTable | TAstJoin | TAstSubqueryRef | TAstValues | TAstTableFunction | { type: "EMPTY"; alias: string };

/**
 * The expressions directly inside `node` (its operands), found in any field,
 * nested arrays and plain objects included; not those of nested queries.
 */
export function childExpressions(node: object): TAstExpr[] {
  const found: TAstExpr[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      if (/_NODE$/.test(String((value as { type?: unknown }).type))) return;
      if (typeof (value as { class?: unknown }).class === "string") found.push(value as TAstExpr);
      else Object.values(value).forEach(visit);
    }
  };
  Object.values(node).forEach(visit);
  return found;
}

/** An integer constant (a position, as in GROUP BY 1), or null. */
export function integerConstant(expr: TAstExpr): number | null {
  if (expr.class !== "CONSTANT") return null;
  const { value } = expr as TAstConstant;
  return /INT/.test(value.type.id) && !value.is_null && Number.isInteger(Number(value.value)) ? Number(value.value) : null;
}
