/**
 * A model's SQL template: dbt's Jinja subset, parsed and rendered by
 * nunjucks (Jinja's syntax in JavaScript), so existing dbt SQL works as is:
 * `{{ ref('model') }}`, `{{ source('connection', 'stream') }}`,
 * `{{ config(materialized='incremental', unique_key='id') }}`,
 * `{% if is_incremental() %} … {% endif %}`, `{{ this }}` and comments.
 *
 * nunjucks is not a sandbox: a template can reach JavaScript through
 * attribute lookups (`{{ x.constructor(…) }}`). Models are written by people
 * and run in the worker, so every template is parsed first and refused
 * unless it uses only the nodes above: no attribute or index lookups, no
 * variables besides `this`, no filters, macros, includes or loops. Only then
 * is it rendered. The refs and sources are read from the parsed template
 * (their arguments must be string literals, as dbt requires), so the model
 * graph is known without rendering anything.
 */
import nunjucks from "nunjucks";

import { AppError } from "@/lib/app-error";

export type TSourceRef = { connection: string; stream: string };

/** What a model's template declares: the models and sources it reads, and its config() values. */
export type TModelDeclarations = {
  refs: string[];
  sources: TSourceRef[];
  config: Record<string, string | number | boolean>;
};

/** How the names of a render resolve: each returns the quoted relation to put in the SQL. */
export type TRenderContext = {
  ref(name: string): string;
  source(connection: string, stream: string): string;
  /** The model's own relation (`{{ this }}`). */
  self: string;
  /** True when an incremental model is appended to an existing table. */
  isIncremental: boolean;
};

/** A problem in a model's template, with where it is (1-based line and column). */
export class ModelTemplateError extends AppError {
  constructor(
    readonly model: string,
    readonly line: number,
    readonly column: number,
    problem: string,
  ) {
    super("BAD_INPUT", `Model "${model}", line ${line}, column ${column}: ${problem}`, { field: "sql" });
  }
}

type TNode = {
  typename: string;
  fields: readonly string[];
  lineno: number;
  colno: number;
  value?: unknown;
  [field: string]: unknown;
};

const FUNCTIONS = new Set(["ref", "source", "config", "is_incremental"]);
/** Node types that only structure the template or hold literal text. */
const STRUCTURE = new Set([
  "Root",
  "NodeList",
  "Output",
  "TemplateData",
  "If",
  "Not",
  "And",
  "Or",
  "Compare",
  "CompareOperand",
  "Group",
  "Literal",
  "KeywordArgs",
  "Pair",
]);

const nodeChildren = (node: TNode): TNode[] =>
  node.fields.flatMap((field) => {
    const value = node[field];
    if (Array.isArray(value)) return value as TNode[];
    return value && typeof value === "object" && "typename" in value ? [value as TNode] : [];
  });

/** nunjucks's parser (public, not in its type definitions). */
const parser = (nunjucks as unknown as { parser: { parse(src: string, extensions: unknown[], options: object): unknown } }).parser;

function parse(model: string, sql: string): TNode {
  try {
    return parser.parse(sql, [], {}) as TNode;
  } catch (e) {
    const error = e as { message?: string; lineno?: number; colno?: number };
    const message = (error.message ?? String(e))
      .replace(/^.*?\[Line \d+, Column \d+\]\s*/s, "")
      .replace(/^\(unknown path\)\s*/, "")
      .trim();
    // The parser's errors count lines and columns from 1 already (its nodes count from 0).
    throw new ModelTemplateError(model, error.lineno ?? 1, error.colno ?? 1, `the template does not parse: ${message}`);
  }
}

/** The string literal arguments of a ref()/source() call, or an error naming the call. */
function literalArgs(model: string, call: TNode, name: string): string[] {
  const args = (call.args as TNode).children as TNode[];
  return args.map((arg) => {
    if (arg.typename !== "Literal" || typeof arg.value !== "string") {
      throw new ModelTemplateError(
        model,
        arg.lineno + 1,
        arg.colno + 1,
        `${name}() takes quoted names, e.g. ${name === "ref" ? "ref('customers')" : "source('shop', 'public.orders')"}.`,
      );
    }
    return arg.value;
  });
}

function configValues(model: string, call: TNode, into: TModelDeclarations["config"]): void {
  for (const arg of (call.args as TNode).children as TNode[]) {
    const pairs = arg.typename === "KeywordArgs" ? ((arg.children as TNode[]) ?? []) : [arg];
    for (const pair of pairs) {
      const key = pair.typename === "Pair" ? (pair.key as TNode) : undefined;
      const value = pair.typename === "Pair" ? (pair.value as TNode) : undefined;
      if (!key || key.typename !== "Symbol" || !value || value.typename !== "Literal" || !["string", "number", "boolean"].includes(typeof value.value)) {
        throw new ModelTemplateError(
          model,
          pair.lineno + 1,
          pair.colno + 1,
          "config() takes name=value pairs with literal values, e.g. config(materialized='table').",
        );
      }
      into[String(key.value)] = value.value as string | number | boolean;
    }
  }
}

/** A ref() or source() call: its literal arguments and where it is (1-based). */
type TCall = { name: "ref" | "source"; args: string[]; line: number; column: number };

/** Walks the template, refusing what Weir does not support and collecting refs, sources and config. */
function declarationsOf(model: string, root: TNode, calls: TCall[] = []): TModelDeclarations {
  const found: TModelDeclarations = { refs: [], sources: [], config: {} };
  const visit = (node: TNode): void => {
    if (node.typename === "FunCall") {
      const callee = node.name as TNode;
      const name = callee.typename === "Symbol" ? String(callee.value) : "";
      if (!FUNCTIONS.has(name)) {
        throw new ModelTemplateError(
          model,
          node.lineno + 1,
          node.colno + 1,
          `only ref(), source(), config() and is_incremental() can be called in a model${name ? `, not ${name}()` : ""}.`,
        );
      }
      if (name === "ref") {
        const args = literalArgs(model, node, name);
        if (args.length !== 1) throw new ModelTemplateError(model, node.lineno + 1, node.colno + 1, `ref() takes one model name, not ${args.length}.`);
        if (!found.refs.includes(args[0]!)) found.refs.push(args[0]!);
        calls.push({ name, args, line: node.lineno + 1, column: node.colno + 1 });
      } else if (name === "source") {
        const args = literalArgs(model, node, name);
        if (args.length !== 2)
          throw new ModelTemplateError(model, node.lineno + 1, node.colno + 1, `source() takes a connection and a stream, not ${args.length} argument(s).`);
        const [connection, stream] = args as [string, string];
        calls.push({ name, args, line: node.lineno + 1, column: node.colno + 1 });
        if (!found.sources.some((s) => s.connection === connection && s.stream === stream)) found.sources.push({ connection, stream });
      } else if (name === "config") {
        configValues(model, node, found.config);
      } else if (((node.args as TNode).children as TNode[]).length) {
        throw new ModelTemplateError(model, node.lineno + 1, node.colno + 1, "is_incremental() takes no arguments.");
      }
      return;
    }
    if (node.typename === "Symbol") {
      if (node.value === "this") return;
      throw new ModelTemplateError(
        model,
        node.lineno + 1,
        node.colno + 1,
        `unknown name "${String(node.value)}": a model can use ref(), source(), config(), is_incremental() and this.`,
      );
    }
    if (!STRUCTURE.has(node.typename)) {
      throw new ModelTemplateError(
        model,
        node.lineno + 1,
        node.colno + 1,
        `${describe(node.typename)} is not supported in Weir models (only dbt's ref, source, config, is_incremental, this, if/else and comments).`,
      );
    }
    for (const child of nodeChildren(node)) visit(child);
  };
  visit(root);
  return found;
}

function describe(typename: string): string {
  switch (typename) {
    case "LookupVal":
      return "attribute or index lookup";
    case "Filter":
    case "FilterAsync":
      return "a filter";
    case "For":
    case "AsyncEach":
    case "AsyncAll":
      return "a for loop";
    case "Macro":
    case "Caller":
      return "a macro";
    case "Set":
      return "{% set %}";
    case "Include":
    case "Import":
    case "FromImport":
    case "Extends":
    case "Block":
      return `{% ${typename.toLowerCase()} %}`;
    default:
      return `the ${typename} construct`;
  }
}

/** The refs, sources and config() values a model's template declares; a ModelTemplateError when it does not parse or uses what Weir refuses. */
export function readModelTemplate(model: string, sql: string): TModelDeclarations {
  return declarationsOf(model, parse(model, sql));
}

const environment = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: true });

/**
 * The model's SQL with every template expression resolved. Validates first
 * (readModelTemplate); every ref() and source() is resolved before rendering,
 * so a resolver's error (an unknown model, say) names the call's position.
 */
export function renderModelTemplate(model: string, sql: string, ctx: TRenderContext): string {
  const calls: TCall[] = [];
  declarationsOf(model, parse(model, sql), calls);
  const resolved = new Map<string, string>();
  for (const call of calls) {
    const key = JSON.stringify([call.name, ...call.args]);
    if (resolved.has(key)) continue;
    try {
      resolved.set(key, call.name === "ref" ? ctx.ref(call.args[0]!) : ctx.source(call.args[0]!, call.args[1]!));
    } catch (e) {
      throw new ModelTemplateError(model, call.line, call.column, e instanceof Error ? e.message : String(e));
    }
  }
  const lookup = (...key: string[]) => resolved.get(JSON.stringify(key)) ?? "";
  const globals = {
    ref: (name: string) => lookup("ref", name),
    source: (connection: string, stream: string) => lookup("source", connection, stream),
    config: () => "",
    is_incremental: () => ctx.isIncremental,
    this: ctx.self,
  };
  try {
    return environment.renderString(sql, globals).trim();
  } catch (e) {
    // Not expected after validation; still the model's error, never a crash.
    throw new ModelTemplateError(model, 1, 1, `the template could not be rendered: ${e instanceof Error ? e.message : String(e)}`);
  }
}
