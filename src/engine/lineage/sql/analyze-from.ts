/**
 * The FROM clause as lineage sees it: each table, CTE, subquery, VALUES
 * list or table function becomes a FROM item with its columns' lineage;
 * joins add their ON and USING columns to the indirect sink. Tables are
 * matched to the relations the caller knows (case-insensitively, ignoring
 * the catalog; a bare name when it is unique among them); a table it does
 * not know is still an input, with unknown columns. CTEs are analysed when
 * first referenced, once.
 *
 * JOIN … USING (k): the merged column `k` comes from the left side (the
 * right for a RIGHT join, both for a FULL join); both sides' `k` are
 * indirect.
 */
import type { TColumnSource, TRelationColumns } from "@/engine/lineage/sql/column-lineage-types";
import { type TExpressionContext, analyzeExpression } from "@/engine/lineage/sql/analyze-expression";
import { type TLineage, atLeast, mergeLineage, unresolvedLineage } from "@/engine/lineage/sql/column-sources";
import { type TFromItem, type TItemColumn, type TScope, EMPTY_SCOPE, resolveInScope } from "@/engine/lineage/sql/lineage-scope";
import type { TAstBaseTable, TAstCteMap, TAstJoin, TAstQuery, TAstTableFunction, TAstTableRef, TAstValues } from "@/engine/lineage/sql/sql-ast";

/** A CTE; `node` is absent for one bound to known columns. */
export type TCte = { name: string; aliases: string[]; node?: TAstQuery; env: TQueryEnv; state: "pending" | "analysing" | "done"; columns: TItemColumn[] };

type TCteLevel = { ctes: TCte[]; parent?: TCteLevel };

/** What a query sees from around it: the CTEs in force and the scope of the query it is nested in. */
export type TQueryEnv = { ctes?: TCteLevel; outer?: TScope };

/** One analysis of one SQL statement: what it knows and what it has found so far. */
export type TAnalysis = {
  relations: readonly TRelationColumns[];
  aggregates: ReadonlySet<string>;
  /** DuckDB's name for each select-list expression written without an alias. */
  names: WeakMap<object, string>;
  inputs: Set<string>;
  indirect: TColumnSource[];
  /** Every CTE defined, so those never referenced still count their inputs. */
  ctes: TCte[];
  /** analyze-query.ts's analyzeQuery, handed in so FROM items can hold queries without the modules importing each other. */
  analyzeQuery: (node: TAstQuery, env: TQueryEnv, analysis: TAnalysis) => TItemColumn[];
};

type TFrom = { items: TFromItem[]; using: TItemColumn[] };

/** How an expression of a query with `scope` and `env` is analysed; its subqueries see `env`'s CTEs. */
export function expressionContext(
  scope: TScope,
  env: TQueryEnv,
  analysis: TAnalysis,
  options: { aliases?: readonly TItemColumn[]; clause?: boolean } = {},
): TExpressionContext {
  return {
    scope,
    aliases: options.aliases ?? [],
    clause: options.clause ?? false,
    lambdas: new Set(),
    aggregates: analysis.aggregates,
    indirect: (sources) => analysis.indirect.push(...sources),
    subquery: (node, outer) => analysis.analyzeQuery(node, { ctes: env.ctes, outer }, analysis),
  };
}

/** `env` with the CTEs of a WITH clause in force. */
export function withCtes(env: TQueryEnv, cteMap: TAstCteMap, analysis: TAnalysis): TQueryEnv {
  if (!cteMap.map.length) return env;
  const level: TCteLevel = { ctes: [], parent: env.ctes };
  const inner: TQueryEnv = { ctes: level, outer: env.outer };
  for (const { key, value } of cteMap.map) {
    const cte: TCte = { name: key, aliases: value.aliases, node: value.query.node, env: inner, state: "pending", columns: [] };
    level.ctes.push(cte);
    analysis.ctes.push(cte);
  }
  return inner;
}

/** `env` with `name` bound to already known columns (a recursive CTE's own rows, inside its recursive part). */
export function withBoundCte(env: TQueryEnv, name: string, columns: TItemColumn[]): TQueryEnv {
  const cte: TCte = { name, aliases: [], env, state: "done", columns };
  return { ctes: { ctes: [cte], parent: env.ctes }, outer: env.outer };
}

/** The columns renamed by a column alias list (`t(a, b)`, `WITH c(a, b)`), in order. */
export function renameColumns(columns: TItemColumn[], aliases: readonly string[]): TItemColumn[] {
  if (!aliases.length) return columns;
  const firstUnknown = columns.findIndex((c) => c.unknown);
  const renamed = columns.map((c, i) => (i < aliases.length && (firstUnknown < 0 || i < firstUnknown) ? { ...c, name: aliases[i]! } : c));
  if (firstUnknown >= 0 && firstUnknown < aliases.length) {
    const reason = renamed[firstUnknown]!.unknown!.reason;
    renamed.splice(firstUnknown, 0, ...aliases.slice(firstUnknown).map((name) => ({ name, lineage: unresolvedLineage(reason) })));
  }
  return renamed;
}

function findCte(level: TCteLevel | undefined, name: string): TCte | undefined {
  for (let l = level; l; l = l.parent) {
    // A CTE that names itself inside its own (non-recursive) body means the table of that name.
    const cte = l.ctes.find((c) => c.name.toLowerCase() === name.toLowerCase() && c.state !== "analysing");
    if (cte) return cte;
  }
  return undefined;
}

export function cteColumns(cte: TCte, analysis: TAnalysis): TItemColumn[] {
  if (cte.state === "pending" && cte.node) {
    cte.state = "analysing";
    cte.columns = renameColumns(analysis.analyzeQuery(cte.node, { ctes: cte.env.ctes }, analysis), cte.aliases);
    cte.state = "done";
  }
  return cte.columns;
}

function sourceLineage(relation: string, column: string): TLineage {
  return { sources: [{ relation, column, transformation: "IDENTITY" }], unresolved: [] };
}

/** The caller's relation a table reference names, or the name as written (lower-case) with unknown columns. */
function matchRelation(ref: TAstBaseTable, relations: readonly TRelationColumns[]): TRelationColumns {
  const table = ref.table_name.toLowerCase();
  const schema = ref.schema_name.toLowerCase();
  const tableOf = (name: string): string => name.toLowerCase().split(".").at(-1)!;
  const schemaOf = (name: string): string => name.toLowerCase().split(".").at(-2) ?? "";
  const candidates = relations.filter((r) => tableOf(r.relation) === table && (!schema || schemaOf(r.relation) === schema));
  const named = schema ? candidates[0] : candidates.length === 1 ? candidates[0] : undefined;
  return named ? { relation: named.relation.toLowerCase(), columns: named.columns } : { relation: schema ? `${schema}.${table}` : table, columns: null };
}

function baseTableItem(ref: TAstBaseTable, env: TQueryEnv, analysis: TAnalysis): TFromItem {
  const alias = ref.alias.toLowerCase();
  const cte = ref.schema_name ? undefined : findCte(env.ctes, ref.table_name);
  if (cte) {
    const columns = renameColumns(cteColumns(cte, analysis), ref.column_name_alias);
    return {
      qualifiers: [alias || ref.table_name.toLowerCase()],
      label: alias && alias !== cte.name.toLowerCase() ? `${ref.alias} (${cte.name})` : cte.name,
      columns,
    };
  }
  const { relation, columns } = matchRelation(ref, analysis.relations);
  analysis.inputs.add(relation);
  const written = [ref.catalog_name, ref.schema_name, ref.table_name].filter(Boolean).map((part) => part.toLowerCase());
  const qualifiers = alias ? [alias] : written.map((_, i) => written.slice(i).join("."));
  const label = alias && alias !== relation ? `${ref.alias} (${relation})` : relation;
  const listed: TItemColumn[] = columns
    ? columns.map((column) => ({ name: column, lineage: sourceLineage(relation, column) }))
    : [
        {
          name: "*",
          lineage: unresolvedLineage(`columns of ${relation} are unknown`),
          unknown: { reason: `columns of ${relation} are unknown`, resolve: (column) => sourceLineage(relation, column.toLowerCase()) },
        },
      ];
  return { qualifiers, label, columns: renameColumns(listed, ref.column_name_alias) };
}

function valuesItem(ref: TAstValues, env: TQueryEnv, analysis: TAnalysis): TFromItem {
  const context = expressionContext(env.outer ?? EMPTY_SCOPE, env, analysis);
  const width = Math.max(0, ...ref.values.map((row) => row.length));
  const columns = Array.from({ length: width }, (_, i) => ({
    name: `col${i}`,
    lineage: mergeLineage(ref.values.flatMap((row) => (row[i] ? [analyzeExpression(row[i]!, context, "IDENTITY")] : []))),
  }));
  return { qualifiers: [ref.alias.toLowerCase()], label: ref.alias || "VALUES", columns };
}

/** A table function (`unnest(t.items)`, `read_parquet(…)`): its columns come from its arguments. */
function tableFunctionItem(ref: TAstTableFunction, env: TQueryEnv, analysis: TAnalysis): TFromItem {
  const name = String((ref.function as { function_name?: unknown }).function_name ?? "table function");
  const lineage = atLeast(analyzeExpression(ref.function, expressionContext(env.outer ?? EMPTY_SCOPE, env, analysis), "IDENTITY"), "TRANSFORMATION");
  const label = ref.alias ? `${ref.alias} (${name}(…))` : `${name}(…)`;
  const reason = `columns of ${label} are unknown`;
  const columns: TItemColumn[] = ref.column_name_alias.length
    ? ref.column_name_alias.map((column) => ({ name: column, lineage }))
    : [{ name: "*", lineage: unresolvedLineage(reason), unknown: { reason, resolve: lineage.sources.length ? () => lineage : undefined } }];
  return { qualifiers: [(ref.alias || name).toLowerCase()], label, columns };
}

/** The columns both sides of a NATURAL join have. */
function commonColumns(left: TFrom, right: TFrom): string[] {
  const names = (side: TFrom): string[] =>
    [...side.using, ...side.items.flatMap((item) => item.columns)].filter((c) => !c.unknown).map((c) => c.name.toLowerCase());
  const rightNames = new Set(names(right));
  return [...new Set(names(left).filter((name) => rightNames.has(name)))];
}

function analyzeJoin(ref: TAstJoin, env: TQueryEnv, analysis: TAnalysis): TFrom {
  const left = analyzeFrom(ref.left, env, analysis);
  const leftScope: TScope = { ...left, outer: env.outer };
  // The right side may refer to the left one (LATERAL, or DuckDB's implicit lateral joins).
  const right = analyzeFrom(ref.right, { ...env, outer: leftScope }, analysis);
  const rightScope: TScope = { ...right, outer: env.outer };
  const scope: TScope = { items: [...left.items, ...right.items], using: [...left.using, ...right.using], outer: env.outer };
  if (ref.condition) analysis.indirect.push(...analyzeExpression(ref.condition, expressionContext(scope, env, analysis, { clause: true }), "IDENTITY").sources);
  const usingNames = ref.ref_type === "NATURAL" ? commonColumns(left, right) : ref.using_columns;
  const merged = usingNames.map((name): TItemColumn => {
    const fromLeft = resolveInScope(leftScope, name);
    const fromRight = resolveInScope(rightScope, name);
    analysis.indirect.push(...fromLeft.sources, ...fromRight.sources);
    const lineage =
      ref.join_type === "RIGHT" ? fromRight : ref.join_type === "FULL" ? atLeast(mergeLineage([fromLeft, fromRight]), "TRANSFORMATION") : fromLeft;
    return { name, lineage };
  });
  const using = [...scope.using.filter((c) => !usingNames.some((name) => name.toLowerCase() === c.name.toLowerCase())), ...merged];
  return { items: scope.items, using };
}

/** The FROM items of a table reference (a join tree flattened, left to right) and its USING columns. */
export function analyzeFrom(ref: TAstTableRef, env: TQueryEnv, analysis: TAnalysis): TFrom {
  switch (ref.type) {
    case "EMPTY":
      return { items: [], using: [] };
    case "BASE_TABLE":
      return { items: [baseTableItem(ref, env, analysis)], using: [] };
    case "JOIN":
      return analyzeJoin(ref, env, analysis);
    case "SUBQUERY": {
      const columns = renameColumns(analysis.analyzeQuery(ref.subquery.node, { ctes: env.ctes, outer: env.outer }, analysis), ref.column_name_alias);
      return { items: [{ qualifiers: ref.alias ? [ref.alias.toLowerCase()] : [], label: ref.alias || "a subquery", columns }], using: [] };
    }
    case "EXPRESSION_LIST":
      return { items: [valuesItem(ref, env, analysis)], using: [] };
    case "TABLE_FUNCTION":
      return { items: [tableFunctionItem(ref, env, analysis)], using: [] };
    default: {
      const other = ref as { type: string; alias?: string };
      const reason = `columns of a ${other.type} in FROM are unknown`;
      return {
        items: [
          {
            qualifiers: other.alias ? [other.alias.toLowerCase()] : [],
            label: other.alias || other.type,
            columns: [{ name: "*", lineage: unresolvedLineage(reason), unknown: { reason } }],
          },
        ],
        using: [],
      };
    }
  }
}
