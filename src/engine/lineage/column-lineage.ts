/**
 * Table- and column-level lineage of a model's compiled SELECT, read with
 * DuckDB's own parser (sql/duckdb-parser.ts): the relations it reads, where
 * each output column comes from and how (IDENTITY, TRANSFORMATION,
 * AGGREGATION, the strongest step on the way winning), and the columns that
 * only steer which rows come out (OpenLineage's INDIRECT: filters, join
 * keys, grouping, QUALIFY, window partitions and orders).
 *
 * Handles CTEs (chained, recursive), subqueries in FROM and in expressions
 * (correlated too), joins (ON, USING, NATURAL, CROSS, LATERAL), aliases,
 * `*` / `t.*` with EXCLUDE, REPLACE, RENAME and COLUMNS('regex'), DISTINCT
 * (ON), GROUP BY (ALL, positions), HAVING, QUALIFY, window functions, UNION
 * [ALL | BY NAME], EXCEPT, INTERSECT, VALUES and table functions, in DuckDB
 * and PostgreSQL dialects alike. What cannot be traced for certain (an
 * ambiguous column, `*` over a table of unknown columns) is reported as
 * `unresolved`, never guessed. See sql/analyze-from.ts for how USING
 * columns resolve.
 */
import { type TAnalysis, cteColumns } from "@/engine/lineage/sql/analyze-from";
import { analyzeQuery } from "@/engine/lineage/sql/analyze-query";
import type { TColumnSource, TOutputColumn, TRelationColumns } from "@/engine/lineage/sql/column-lineage-types";
import { dedupeSources } from "@/engine/lineage/sql/column-sources";
import { parseSelect, renderSelects } from "@/engine/lineage/sql/duckdb-parser";
import type { TItemColumn } from "@/engine/lineage/sql/lineage-scope";
import type { TAstExpr, TAstQuery, TAstSelect } from "@/engine/lineage/sql/sql-ast";
import { AppError } from "@/lib/app-error";

export type TSqlLineage =
  | {
      ok: true;
      /** Every relation read, including those only filtered or joined on; sorted. */
      inputs: string[];
      /** In select order; each column's sources sorted by relation, column. */
      columns: TOutputColumn[];
      /** Columns used in filters, join keys, grouping, QUALIFY, window partitions and orders, sorting; one per column, sorted. */
      indirect: TColumnSource[];
    }
  | { ok: false; error: string };

type TUnnamed = { expr: TAstExpr; select: TAstSelect };

/** Every select-list expression of the tree written without an alias, other than a bare column or a star. */
function unnamedExpressions(root: TAstQuery): TUnnamed[] {
  const found: TUnnamed[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== "object") return;
    const node = value as Partial<TAstSelect>;
    if (node.type === "SELECT_NODE" && Array.isArray(node.select_list)) {
      for (const expr of node.select_list)
        if (!expr.alias && expr.class !== "COLUMN_REF" && expr.class !== "STAR") found.push({ expr, select: node as TAstSelect });
    }
    Object.values(value).forEach(visit);
  };
  visit(root);
  return found;
}

/** DuckDB's own name for each unaliased expression column: the expression as DuckDB prints it. */
async function expressionNames(root: TAstQuery): Promise<WeakMap<object, string>> {
  const unnamed = unnamedExpressions(root);
  const serialized = unnamed.map(({ expr, select }) => {
    const alone: TAstSelect = {
      ...select,
      select_list: [expr],
      from_table: { type: "EMPTY", alias: "" },
      cte_map: { map: [] },
      modifiers: [],
      where_clause: null,
      group_expressions: [],
      having: null,
      qualify: null,
      aggregate_handling: "STANDARD_HANDLING",
    };
    // Locations are 64-bit integers JSON.parse has rounded; DuckDB does not need them back.
    return JSON.stringify({ error: false, statements: [{ node: { ...alone, group_sets: [] } }] }, (key, value: unknown) =>
      key === "query_location" ? undefined : value,
    );
  });
  const rendered = await renderSelects(serialized);
  const names = new WeakMap<object, string>();
  unnamed.forEach(({ expr }, i) => {
    const text = rendered[i];
    if (text) names.set(expr, text.replace(/^SELECT\s+/i, ""));
  });
  return names;
}

function outputColumn(column: TItemColumn): TOutputColumn {
  if (column.unknown) return { name: column.name, sources: [], unresolved: `${column.unknown.reason}, so ${column.name} cannot be expanded` };
  const output: TOutputColumn = { name: column.name, sources: dedupeSources(column.lineage.sources) };
  const unresolved = [...new Set(column.lineage.unresolved)];
  return unresolved.length ? { ...output, unresolved: unresolved.join("; ") } : output;
}

function trace(query: TAstQuery, relations: readonly TRelationColumns[], aggregates: ReadonlySet<string>, names: WeakMap<object, string>): TSqlLineage {
  const analysis: TAnalysis = { relations, aggregates, names, inputs: new Set(), indirect: [], ctes: [], analyzeQuery };
  const columns = analyzeQuery(query, {}, analysis);
  // A CTE nothing selects from is still read by the model's SQL, but steers none of its rows.
  const unused = { ...analysis, indirect: [] };
  for (const cte of analysis.ctes) if (cte.state === "pending") cteColumns(cte, unused);
  return { ok: true, inputs: [...analysis.inputs].sort(), columns: columns.map(outputColumn), indirect: dedupeSources(analysis.indirect) };
}

/**
 * The lineage of one SELECT statement. `relations` are the tables it may
 * read, with their columns when known. A statement DuckDB cannot parse (or
 * that is not one SELECT) gives `ok: false` with DuckDB's message.
 */
export async function sqlLineage(sql: string, relations: readonly TRelationColumns[]): Promise<TSqlLineage> {
  let parsed: Awaited<ReturnType<typeof parseSelect>>;
  let names: WeakMap<object, string>;
  try {
    parsed = await parseSelect(sql);
    if (!parsed.ok) return parsed;
    names = await expressionNames(parsed.query);
  } catch (e) {
    throw new AppError("UNAVAILABLE", `DuckDB's SQL parser could not be used for lineage: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return trace(parsed.query, relations, parsed.aggregates, names);
  } catch (e) {
    return { ok: false, error: `The SQL parsed, but its lineage could not be traced: ${e instanceof Error ? e.message : String(e)}` };
  }
}
