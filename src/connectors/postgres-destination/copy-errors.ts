/**
 * A failed COPY of a batch, in the source's terms: where it happened (line
 * and column of the batch, never the line's content, which may hold
 * anything, secrets included) and, when a value does not convert (a direct
 * load's typed COPY, or text PostgreSQL cannot hold), a DATA_REJECTED naming
 * stream, column, row key and value, read back from the batch (csv-record.ts).
 */
import { csvRecord } from "@/connectors/postgres-destination/csv-record";
import { rejectionText, rowKey } from "@/connectors/postgres-destination/diagnose-cast";
import { isDataError } from "@/connectors/postgres-destination/pg-errors";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TRecordBatch } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** The source column a COPY error names: staging columns are positional (c1…), a direct load's are the target's own. */
function sourceColumnName(r: TResolvedPlan, name: string): string {
  if (r.directLoad) return name;
  const index = /^c(\d+)$/.exec(name)?.[1];
  return index === undefined ? name : (r.columns[Number(index) - 1]?.name ?? name);
}

/**
 * The error to report for a COPY that failed: an AppError DATA_REJECTED for
 * a refused value, else the driver error reworded (staging column names
 * replaced, the position added) for statementError to classify.
 * `where` describes the destination for the message.
 */
export function copyFailure(e: unknown, r: TResolvedPlan, batch: TRecordBatch, where: string): unknown {
  if (!(e instanceof Error)) return e;
  const code = (e as { code?: string }).code;
  const position = /line (\d+)(?:, column ([^:]+))?/.exec((e as { where?: string }).where ?? "");
  const line = position ? Number(position[1]) : undefined;
  const columnName = position?.[2] ? sourceColumnName(r, position[2]) : undefined;
  const at = line ? ` (line ${line}${columnName ? `, column "${columnName}"` : ""} of the batch)` : "";
  const message = e.message.replace(/column "(c\d+)"/g, (_, name: string) => `column "${sourceColumnName(r, name)}"`);
  const column = r.columns.find((c) => c.name === columnName);
  if (isDataError(e) && line && column) {
    const record = csvRecord(batch.csv, line);
    const valueOf = (name: string) => {
      const i = batch.columns.indexOf(name);
      return record && i >= 0 ? (record[i] ?? null) : undefined;
    };
    const key = rowKey(r.plan, valueOf, `at line ${line} of the batch`);
    return new AppError("DATA_REJECTED", `${where}: ${rejectionText({ stream: r.plan.stream, column, key, value: valueOf(column.name) ?? null, reason: message })}${at}. Nothing was committed.`, {
      sqlstate: code,
      column: column.name,
      row: key,
    });
  }
  return Object.assign(new Error(`${message}${at}. Nothing was committed`), { code });
}

