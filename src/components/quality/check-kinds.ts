/**
 * The check kinds as the form and the pages show them: a label per kind, a
 * draft of every kind's fields as typed, the check definition sent to the
 * server from a draft, a one-line reading of a stored definition, and a name
 * to suggest. Pure; the server validates again and names what it refuses.
 */
import type { RouterInputs } from "@/components/trpc/trpc-react";

export type TCheckDefinitionInput = RouterInputs["quality"]["createCheck"]["check"];
export type TCheckKindName = TCheckDefinitionInput["kind"];

export const CHECK_KINDS: Array<{ kind: TCheckKindName; label: string; help: string }> = [
  { kind: "not_null", label: "Not null", help: "Every row has a value in the column." },
  { kind: "unique", label: "Unique", help: "No two rows share the same values in these columns (NULLs are not duplicates)." },
  { kind: "accepted_values", label: "Accepted values", help: "The column holds only the listed values (NULLs pass)." },
  { kind: "relationships", label: "Relationships", help: "Every value of the column exists in a column of another dataset (NULLs pass)." },
  { kind: "row_count", label: "Row count", help: "The dataset has between a minimum and a maximum number of rows." },
  { kind: "freshness", label: "Freshness", help: "The newest timestamp in a column (or the last successful load) is recent enough." },
  { kind: "regex", label: "Regex", help: "The column's values match a regular expression (partial match; NULLs pass)." },
  { kind: "expression", label: "Expression", help: "A SQL boolean expression is true for every row (NULL counts as not true)." },
  { kind: "custom_sql", label: "Custom SQL", help: "A SELECT that returns the failing rows; {{ this }} is the dataset." },
];

export function kindLabel(kind: string): string {
  return CHECK_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** Every kind's fields, as typed (numbers and lists still text). */
export type TCheckDraft = {
  kind: TCheckKindName;
  column: string;
  columns: string;
  values: string;
  toSchema: string;
  toTable: string;
  toColumn: string;
  min: string;
  max: string;
  maxAge: string;
  maxAgeUnit: "minutes" | "hours" | "days";
  pattern: string;
  expression: string;
  sql: string;
};

export const BLANK_CHECK: TCheckDraft = {
  kind: "not_null",
  column: "",
  columns: "",
  values: "",
  toSchema: "",
  toTable: "",
  toColumn: "",
  min: "",
  max: "",
  maxAge: "24",
  maxAgeUnit: "hours",
  pattern: "",
  expression: "",
  sql: "",
};

const UNIT_SECONDS = { minutes: 60, hours: 3_600, days: 86_400 } as const;
const list = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

function integer(text: string, what: string): number | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what}: a whole number of rows, 0 or more`);
  return n;
}

/** The definition for the server; an Error saying which field to fix when a number or list cannot be read. */
export function checkFromDraft(d: TCheckDraft): TCheckDefinitionInput {
  const column = d.column.trim();
  switch (d.kind) {
    case "not_null":
      return { kind: "not_null", column };
    case "unique":
      return { kind: "unique", columns: list(d.columns) };
    case "accepted_values":
      return { kind: "accepted_values", column, values: list(d.values) };
    case "relationships":
      return { kind: "relationships", column, toSchema: d.toSchema.trim(), toTable: d.toTable.trim(), toColumn: d.toColumn.trim() };
    case "row_count": {
      const min = integer(d.min, "minimum");
      const max = integer(d.max, "maximum");
      return { kind: "row_count", ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    case "freshness": {
      const age = Number(d.maxAge);
      if (!d.maxAge.trim() || !(age > 0)) throw new Error("maximum age: a positive number");
      return { kind: "freshness", ...(column ? { column } : {}), maxAgeSeconds: Math.round(age * UNIT_SECONDS[d.maxAgeUnit]) };
    }
    case "regex":
      return { kind: "regex", column, pattern: d.pattern };
    case "expression":
      return { kind: "expression", expression: d.expression.trim() };
    case "custom_sql":
      return { kind: "custom_sql", sql: d.sql.trim() };
  }
}

/** A name to start from, e.g. "email not null". */
export function suggestName(d: TCheckDraft): string {
  const column = d.column.trim();
  switch (d.kind) {
    case "not_null":
      return column ? `${column} not null` : "";
    case "unique":
      return list(d.columns).length ? `${list(d.columns).join(", ")} unique` : "";
    case "accepted_values":
      return column ? `${column} accepted values` : "";
    case "relationships":
      return column && d.toTable.trim() ? `${column} references ${d.toTable.trim()}` : "";
    case "row_count":
      return "row count";
    case "freshness":
      return column ? `${column} fresh` : "fresh";
    case "regex":
      return column ? `${column} format` : "";
    default:
      return "";
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));
const strings = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);

/** A stored definition in one line, e.g. "email is not null". */
export function describeCheck(def: Record<string, unknown>): string {
  switch (def.kind) {
    case "not_null":
      return `${str(def.column)} is not null`;
    case "unique":
      return `(${strings(def.columns).join(", ")}) is unique`;
    case "accepted_values":
      return `${str(def.column)} is one of ${strings(def.values)
        .map((v) => `'${v}'`)
        .join(", ")}`;
    case "relationships":
      return `${str(def.column)} references ${str(def.toSchema)}.${str(def.toTable)}.${str(def.toColumn)}`;
    case "row_count": {
      const min = typeof def.min === "number" ? def.min.toLocaleString("en-US") : null;
      const max = typeof def.max === "number" ? def.max.toLocaleString("en-US") : null;
      return min !== null && max !== null ? `between ${min} and ${max} rows` : min !== null ? `at least ${min} rows` : `at most ${max ?? "?"} rows`;
    }
    case "freshness": {
      const age = typeof def.maxAgeSeconds === "number" ? formatSeconds(def.maxAgeSeconds) : "?";
      return def.column ? `newest ${str(def.column)} at most ${age} old` : `last successful load at most ${age} ago`;
    }
    case "regex":
      return `${str(def.column)} matches /${str(def.pattern)}/`;
    case "expression":
      return `every row: ${str(def.expression)}`;
    case "custom_sql":
      return "custom SQL returns no failing rows";
    case "reported":
      return `reported assertion ${str(def.assertion)}${def.column ? ` on ${str(def.column)}` : ""}${def.expected !== undefined ? `, expected ${str(def.expected)}` : ""}`;
    default:
      return str(def.kind);
  }
}
