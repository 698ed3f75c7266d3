/**
 * Where an expression's value comes from: its column references resolved
 * through the scope, each marked by the strongest step between it and the
 * value (a bare column is IDENTITY, a function, operator, CAST or CASE a
 * TRANSFORMATION, an aggregate an AGGREGATION). Columns that only steer the
 * value's rows (window PARTITION BY / ORDER BY, an aggregate's FILTER and
 * ORDER BY, EXISTS and IN subqueries) go to the indirect sink instead.
 * Expression classes not named here are walked through their operands.
 */
import type { TColumnSource } from "@/engine/lineage/sql/column-lineage-types";
import { type TLineage, type TTransformation, NO_LINEAGE, atLeast, mergeLineage, strongest, unresolvedLineage } from "@/engine/lineage/sql/column-sources";
import { type TItemColumn, type TScope, resolveColumnRef, starLineage } from "@/engine/lineage/sql/lineage-scope";
import {
  type TAstColumnRef,
  type TAstExpr,
  type TAstFunction,
  type TAstLambda,
  type TAstQuery,
  type TAstStar,
  type TAstSubquery,
  type TAstWindow,
  childExpressions,
} from "@/engine/lineage/sql/sql-ast";

export type TExpressionContext = {
  scope: TScope;
  /** Select-list columns a name may refer to when no FROM item has it (DuckDB's lateral and clause aliases). */
  aliases: readonly TItemColumn[];
  /**
   * In a clause (WHERE, ON, GROUP BY, HAVING, QUALIFY, ORDER BY…) a column is
   * reported with the transformation it went through upstream: functions and
   * operators of the clause itself do not raise it, aggregates do.
   */
  clause: boolean;
  /** Lambda parameters in scope (lower-case): not columns. */
  lambdas: ReadonlySet<string>;
  aggregates: ReadonlySet<string>;
  /** Records columns that steer rows without being part of a value. */
  indirect: (sources: readonly TColumnSource[]) => void;
  /** The output columns of a subquery, analysed with `scope` as its enclosing scope. */
  subquery: (node: TAstQuery, outer: TScope) => TItemColumn[];
};

function columnLineage(column: TItemColumn | undefined): TLineage {
  if (!column) return NO_LINEAGE;
  return column.unknown ? unresolvedLineage(column.unknown.reason) : column.lineage;
}

/** The kind the operands of a non-aggregate function or operator are seen through. */
function operandKind(context: TExpressionContext, kind: TTransformation): TTransformation {
  return context.clause ? kind : strongest(kind, "TRANSFORMATION");
}

function isAggregate(context: TExpressionContext, name: string): boolean {
  return context.aggregates.has(name.toLowerCase());
}

/** Records where the expressions that steer rows come from. */
function steer(context: TExpressionContext, exprs: readonly (TAstExpr | null | undefined)[]): void {
  const clause = { ...context, clause: true };
  for (const expr of exprs) if (expr) context.indirect(analyzeExpression(expr, clause, "IDENTITY").sources);
}

function analyzeFunction(expr: TAstFunction, context: TExpressionContext, kind: TTransformation): TLineage {
  if (!isAggregate(context, expr.function_name)) {
    return mergeLineage(childExpressions(expr).map((child) => analyzeExpression(child, context, operandKind(context, kind))));
  }
  steer(context, [expr.filter, ...(expr.order_bys?.orders ?? []).map((o) => o.expression)]);
  return mergeLineage(expr.children.map((child) => analyzeExpression(child, context, strongest(kind, "AGGREGATION"))));
}

function analyzeWindow(expr: TAstWindow, context: TExpressionContext, kind: TTransformation): TLineage {
  steer(context, [
    ...expr.partitions,
    ...expr.orders.map((o) => o.expression),
    expr.filter_expr,
    expr.start_expr as TAstExpr | null,
    expr.end_expr as TAstExpr | null,
  ]);
  const aggregate = expr.type === "WINDOW_AGGREGATE";
  const valueKind = aggregate ? strongest(kind, "AGGREGATION") : operandKind(context, kind);
  const operands = [...expr.children, expr.offset_expr as TAstExpr | null, expr.default_expr as TAstExpr | null].filter((e): e is TAstExpr => !!e);
  return mergeLineage(operands.map((child) => analyzeExpression(child, context, valueKind)));
}

function analyzeSubquery(expr: TAstSubquery, context: TExpressionContext, kind: TTransformation): TLineage {
  const columns = context.subquery(expr.subquery.node, context.scope);
  if (expr.subquery_type === "SCALAR") return atLeast(columnLineage(columns[0]), operandKind(context, kind));
  context.indirect(mergeLineage(columns.map(columnLineage)).sources);
  return expr.child ? analyzeExpression(expr.child, context, operandKind(context, kind)) : NO_LINEAGE;
}

function analyzeLambda(expr: TAstLambda, context: TExpressionContext, kind: TTransformation): TLineage {
  const params = expr.lhs.class === "COLUMN_REF" ? [expr.lhs] : childExpressions(expr.lhs);
  const names = params.flatMap((p) => (p.class === "COLUMN_REF" ? [(p as TAstColumnRef).column_names.join(".").toLowerCase()] : []));
  return analyzeExpression(expr.expr, { ...context, lambdas: new Set([...context.lambdas, ...names]) }, operandKind(context, kind));
}

/** Where `expr`'s value comes from, seen through a step of kind `kind` (IDENTITY for a select-list item itself). */
export function analyzeExpression(expr: TAstExpr, context: TExpressionContext, kind: TTransformation): TLineage {
  switch (expr.class) {
    case "COLUMN_REF": {
      const names = (expr as TAstColumnRef).column_names;
      if (names.length === 1 && context.lambdas.has(names[0]!.toLowerCase())) return NO_LINEAGE;
      return atLeast(resolveColumnRef(context.scope, names, context.aliases), kind);
    }
    case "CONSTANT":
    case "PARAMETER":
    case "POSITIONAL_REFERENCE":
    case "DEFAULT":
      return NO_LINEAGE;
    case "COLLATE":
      return analyzeExpression(expr.child as TAstExpr, context, kind);
    case "FUNCTION":
      return analyzeFunction(expr as TAstFunction, context, kind);
    case "WINDOW":
      return analyzeWindow(expr as TAstWindow, context, kind);
    case "SUBQUERY":
      return analyzeSubquery(expr as TAstSubquery, context, kind);
    case "LAMBDA":
      return analyzeLambda(expr as TAstLambda, context, kind);
    case "STAR":
      return atLeast(starLineage(context.scope, expr as TAstStar), operandKind(context, kind));
    default:
      return mergeLineage(childExpressions(expr).map((child) => analyzeExpression(child, context, operandKind(context, kind))));
  }
}

/** Whether `expr` aggregates (outside windows and subqueries): GROUP BY ALL groups by the select items that do not. */
export function containsAggregate(expr: TAstExpr, aggregates: ReadonlySet<string>): boolean {
  if (expr.class === "WINDOW" || expr.class === "SUBQUERY") return false;
  if (expr.class === "FUNCTION" && aggregates.has((expr as TAstFunction).function_name.toLowerCase())) return true;
  return childExpressions(expr).some((child) => containsAggregate(child, aggregates));
}
