/**
 * Evaluates one quality check against its dataset in the warehouse and
 * returns the result Weir stores: status, observed value, failing and total
 * row counts, a sample of up to 20 failing rows (masked by column lineage:
 * sample-mask.ts)
 * and the duration. A check that cannot be evaluated (a column that no
 * longer exists, a broken expression) is an `error` result naming the
 * warehouse's reason, never a crash; for gating an error counts as a failure.
 */
import { type TCheckDefinition, type TDataset, ZCheckDefinition } from "@/engine/quality/check-definition";
import { checkSql } from "@/engine/quality/check-sql";
import { type TPiiLookup, applyMask, maskedColumns } from "@/engine/quality/sample-mask";
import { renderModelTemplate } from "@/engine/transform/model-template";
import type { TWarehouse } from "@/connectors/warehouse-types";
import { scrubSecrets } from "@/lib/secret-scrub";

export const SAMPLE_ROWS = 20;
export { MASK } from "@/engine/quality/sample-mask";

export type TCheckStatus = "passed" | "failed" | "error";

export type TCheckResult = {
  status: TCheckStatus;
  /** Failing rows for row-level kinds, the row count, or the age in seconds. */
  observed: number | null;
  failingRows: number | null;
  totalRows: number | null;
  sample: Record<string, unknown>[];
  /** What a person reads: why it failed or could not run. */
  message: string;
  durationMs: number;
};

export type TRunCheckInput = {
  warehouse: TWarehouse;
  dataset: TDataset;
  definition: TCheckDefinition;
  /** For freshness of the last load: when the dataset was last loaded successfully (null: never). */
  lastLoadedAt?: Date | null;
  /** For refs in custom SQL: the relation of a model or dataset name. */
  resolveRef?: (name: string) => string;
  /** PII columns of any relation the check's query reads; default: the dataset's piiColumns, nothing known of others. */
  piiOf?: TPiiLookup;
  now?: () => Date;
};

const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Up to SAMPLE_ROWS failing rows, masked by where each column comes from. */
async function sampleOf(input: TRunCheckInput, failingRowsSql: string): Promise<Record<string, unknown>[]> {
  const { warehouse, dataset } = input;
  const rows = await warehouse.query(`SELECT * FROM (${failingRowsSql}) AS failing LIMIT ${SAMPLE_ROWS}`);
  if (!rows.length) return rows;
  const self = `${dataset.schema}.${dataset.table}`.toLowerCase();
  const piiOf: TPiiLookup = input.piiOf ?? (async (relation) => (relation === self ? (dataset.piiColumns ?? []) : null));
  return applyMask(rows, await maskedColumns(warehouse, failingRowsSql, Object.keys(rows[0]!), piiOf));
}

function verdict(failing: number, total: number, mostly: number | undefined): boolean {
  if (failing === 0) return true;
  if (mostly === undefined || total === 0) return false;
  return (total - failing) / total >= mostly;
}

async function evaluate(input: TRunCheckInput): Promise<Omit<TCheckResult, "durationMs">> {
  const { warehouse, dataset } = input;
  const definition = ZCheckDefinition.parse(input.definition);
  const { check } = definition;
  const relation = warehouse.relation(dataset.schema, dataset.table);
  const sql = checkSql(check, {
    dialect: warehouse.dialect,
    dataset: relation,
    renderCustomSql: (text) =>
      renderModelTemplate(`check ${definition.name}`, text, {
        self: relation,
        isIncremental: false,
        ref: (name) => {
          if (!input.resolveRef) throw new Error(`ref('${name}') is not available here`);
          return input.resolveRef(name);
        },
        source: () => {
          throw new Error("source() is not available in a check; use ref() or {{ this }}");
        },
      }),
  });
  const none = { failingRows: null, totalRows: null, sample: [] };

  if (sql.level === "last-load") {
    const maxAge = check.kind === "freshness" ? check.maxAgeSeconds : 0;
    if (!input.lastLoadedAt) return { status: "failed", observed: null, ...none, message: "The dataset has never been loaded successfully." };
    const age = Math.round(((input.now ?? (() => new Date()))().getTime() - input.lastLoadedAt.getTime()) / 1000);
    const ok = age <= maxAge;
    return { status: ok ? "passed" : "failed", observed: age, ...none, message: `Last successful load ${age} s ago (allowed: ${maxAge} s).` };
  }

  if (sql.level === "table") {
    const [row] = await warehouse.query(sql.observedSql);
    const observed = toNumber(row?.observed);
    if (check.kind === "row_count") {
      const ok = observed !== null && (check.min === undefined || observed >= check.min) && (check.max === undefined || observed <= check.max);
      const range = `${check.min ?? "any"}…${check.max ?? "any"}`;
      return { status: ok ? "passed" : "failed", observed, ...none, totalRows: observed, message: `${observed} rows (allowed: ${range}).` };
    }
    const maxAge = check.kind === "freshness" ? check.maxAgeSeconds : 0;
    if (observed === null) return { status: "failed", observed, ...none, message: "The dataset has no rows with a timestamp." };
    const age = Math.round(observed);
    return { status: age <= maxAge ? "passed" : "failed", observed: age, ...none, message: `Newest row ${age} s old (allowed: ${maxAge} s).` };
  }

  const [failing] = await warehouse.query(`SELECT count(*) AS n FROM (${sql.failingRowsSql}) AS failing`);
  const [total] = await warehouse.query(`SELECT count(*) AS n FROM ${relation}`);
  const failingRows = toNumber(failing?.n) ?? 0;
  const totalRows = toNumber(total?.n) ?? 0;
  const ok = verdict(failingRows, totalRows, definition.mostly);
  const sample = failingRows ? await sampleOf(input, sql.failingRowsSql) : [];
  const share = totalRows
    ? ` (${(((totalRows - failingRows) / totalRows) * 100).toFixed(1)}% pass${definition.mostly !== undefined ? `, ${definition.mostly * 100}% required` : ""})`
    : "";
  return {
    status: ok ? "passed" : "failed",
    observed: failingRows,
    failingRows,
    totalRows,
    sample,
    message: `${failingRows} of ${totalRows} rows fail${share}.`,
  };
}

export async function runCheck(input: TRunCheckInput): Promise<TCheckResult> {
  const started = performance.now();
  try {
    const result = await evaluate(input);
    return { ...result, durationMs: Math.round(performance.now() - started) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      status: "error",
      observed: null,
      failingRows: null,
      totalRows: null,
      sample: [],
      message: scrubSecrets(`The check could not be evaluated: ${reason}`),
      durationMs: Math.round(performance.now() - started),
    };
  }
}
