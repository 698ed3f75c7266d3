/**
 * The output columns of a query node (SELECT, UNION / EXCEPT / INTERSECT,
 * a recursive CTE) with their lineage, feeding the indirect sink with the
 * columns that steer its rows: WHERE, GROUP BY (GROUP BY ALL's keys
 * included), HAVING, QUALIFY, ORDER BY and DISTINCT ON. UNION matches
 * columns by position (BY NAME by name) and merges the branches' sources;
 * EXCEPT and INTERSECT keep the left branch's columns, the right's being
 * indirect.
 */
import { analyzeExpression, containsAggregate } from "@/engine/lineage/sql/analyze-expression";
import { type TAnalysis, type TQueryEnv, analyzeFrom, expressionContext, renameColumns, withBoundCte, withCtes } from "@/engine/lineage/sql/analyze-from";
import { type TLineage, mergeLineage, unresolvedLineage } from "@/engine/lineage/sql/column-sources";
import { type TItemColumn, type TScope, EMPTY_SCOPE, expandStar } from "@/engine/lineage/sql/lineage-scope";
import {
  type TAstColumnRef,
  type TAstExpr,
  type TAstModifier,
  type TAstQuery,
  type TAstRecursiveCte,
  type TAstSelect,
  type TAstSetOperation,
  type TAstStar,
  integerConstant,
} from "@/engine/lineage/sql/sql-ast";

/** The name of an output column: its alias, a column reference's last part, or DuckDB's name for the expression. */
function outputName(expr: TAstExpr, position: number, analysis: TAnalysis): string {
  if (expr.alias) return expr.alias;
  if (expr.class === "COLUMN_REF") return (expr as TAstColumnRef).column_names.at(-1)!;
  return analysis.names.get(expr) ?? `col${position}`;
}

function lineageOf(column: TItemColumn | undefined): TLineage {
  if (!column) return unresolvedLineage("the position is past the end of the select list");
  return column.unknown ? unresolvedLineage(column.unknown.reason) : column.lineage;
}

/**
 * Records the columns behind GROUP BY, ORDER BY and DISTINCT ON items: a
 * number is a position in the select list, anything else an expression that
 * may also name a select-list alias.
 */
function steerByItems(items: readonly TAstExpr[], columns: TItemColumn[], scope: TScope, env: TQueryEnv, analysis: TAnalysis): void {
  const context = expressionContext(scope, env, analysis, { aliases: columns, clause: true });
  for (const item of items) {
    const position = integerConstant(item);
    const lineage = position === null ? analyzeExpression(item, context, "IDENTITY") : lineageOf(columns[position - 1]);
    analysis.indirect.push(...lineage.sources);
  }
}

function steerByModifiers(modifiers: readonly TAstModifier[], columns: TItemColumn[], scope: TScope, env: TQueryEnv, analysis: TAnalysis): void {
  for (const modifier of modifiers) {
    if (modifier.type === "ORDER_MODIFIER")
      steerByItems(
        modifier.orders.map((o) => o.expression),
        columns,
        scope,
        env,
        analysis,
      );
    if (modifier.type === "DISTINCT_MODIFIER") steerByItems(modifier.distinct_on_targets, columns, scope, env, analysis);
  }
}

function analyzeSelect(node: TAstSelect, outerEnv: TQueryEnv, analysis: TAnalysis): TItemColumn[] {
  const env = withCtes(outerEnv, node.cte_map, analysis);
  const from = analyzeFrom(node.from_table, env, analysis);
  const scope: TScope = { items: from.items, using: from.using, outer: env.outer };
  const columns: TItemColumn[] = [];
  // GROUP BY ALL groups by every select item that does not aggregate.
  const groupKeys: (TAstExpr | TItemColumn)[] = [];
  node.select_list.forEach((expr, i) => {
    const context = expressionContext(scope, env, analysis, { aliases: [...columns] });
    const added =
      expr.class === "STAR"
        ? expandStar(scope, expr as TAstStar, (replacement) => analyzeExpression(replacement, context, "IDENTITY"))
        : [{ name: outputName(expr, i + 1, analysis), lineage: analyzeExpression(expr, context, "IDENTITY") }];
    columns.push(...added);
    if (expr.class === "STAR") groupKeys.push(...added);
    else if (!containsAggregate(expr, analysis.aggregates)) groupKeys.push(expr);
  });
  const clause = expressionContext(scope, env, analysis, { aliases: columns, clause: true });
  for (const expr of [node.where_clause, node.having, node.qualify]) if (expr) analysis.indirect.push(...analyzeExpression(expr, clause, "IDENTITY").sources);
  if (node.aggregate_handling === "FORCE_AGGREGATES") {
    for (const key of groupKeys) analysis.indirect.push(...("class" in key ? analyzeExpression(key, clause, "IDENTITY") : lineageOf(key)).sources);
  }
  steerByItems(node.group_expressions, columns, scope, env, analysis);
  steerByModifiers(node.modifiers, columns, scope, env, analysis);
  return columns;
}

/** UNION's columns: position by position, named by the left branch, from both. */
function unionByPosition(left: TItemColumn[], right: TItemColumn[]): TItemColumn[] {
  const columns: TItemColumn[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [l, r] = [left[i], right[i]];
    // Past a column that stands for unknown columns, positions no longer line up.
    if (l?.unknown || r?.unknown) return [...columns, ...left.slice(i)];
    if (l && r) columns.push({ name: l.name, lineage: mergeLineage([l.lineage, r.lineage]) });
    else columns.push((l ?? r)!);
  }
  return columns;
}

function unionByName(left: TItemColumn[], right: TItemColumn[]): TItemColumn[] {
  const columns = left.map((l) => {
    const r = l.unknown ? undefined : right.find((c) => !c.unknown && c.name.toLowerCase() === l.name.toLowerCase());
    return r ? { name: l.name, lineage: mergeLineage([l.lineage, r.lineage]) } : l;
  });
  const added = right.filter((r) => r.unknown || !left.some((l) => !l.unknown && l.name.toLowerCase() === r.name.toLowerCase()));
  return [...columns, ...added];
}

function analyzeSetOperation(node: TAstSetOperation, outerEnv: TQueryEnv, analysis: TAnalysis): TItemColumn[] {
  const env = withCtes(outerEnv, node.cte_map, analysis);
  const left = analyzeQuery(node.left, env, analysis);
  const right = analyzeQuery(node.right, env, analysis);
  let columns: TItemColumn[];
  if (node.setop_type === "UNION") columns = unionByPosition(left, right);
  else if (node.setop_type === "UNION_BY_NAME") columns = unionByName(left, right);
  else {
    analysis.indirect.push(...right.flatMap((c) => lineageOf(c).sources));
    columns = left;
  }
  steerByModifiers(node.modifiers, columns, { ...EMPTY_SCOPE, items: [{ qualifiers: [], label: "the set operation", columns }] }, env, analysis);
  return columns;
}

/** WITH RECURSIVE: the recursive part sees the CTE as the columns of its anchor part. */
function analyzeRecursiveCte(node: TAstRecursiveCte, outerEnv: TQueryEnv, analysis: TAnalysis): TItemColumn[] {
  const env = withCtes(outerEnv, node.cte_map, analysis);
  const anchor = renameColumns(analyzeQuery(node.left, env, analysis), node.aliases);
  const recursive = analyzeQuery(node.right, withBoundCte(env, node.cte_name, anchor), analysis);
  return unionByPosition(anchor, recursive);
}

/** The output columns of `node`, with their lineage. */
export function analyzeQuery(node: TAstQuery, env: TQueryEnv, analysis: TAnalysis): TItemColumn[] {
  switch (node.type) {
    case "SELECT_NODE":
      return analyzeSelect(node, env, analysis);
    case "SET_OPERATION_NODE":
      return analyzeSetOperation(node, env, analysis);
    case "RECURSIVE_CTE_NODE":
      return analyzeRecursiveCte(node, env, analysis);
    default: {
      const type = (node as { type: string }).type;
      return [{ name: "*", lineage: unresolvedLineage(`a ${type} query is not traced`), unknown: { reason: `columns of a ${type} query are unknown` } }];
    }
  }
}
