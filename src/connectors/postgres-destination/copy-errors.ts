/**
 * A failed COPY of a batch, in the source's terms. When a value does not
 * convert (a direct load's typed COPY: "COPY t, line 7, column j: …", read
 * from the COPY line of the error's context, not from an inner one such as
 * "JSON data, line 1") or is text PostgreSQL cannot hold (a NUL character
 * or bytes that are not UTF-8, found in the batch itself: COPY's line number
 * for those is the chunk's, not the record's), the error is DATA_REJECTED
 * naming stream, column, row key and value, read back from the batch
 * (csv-record.ts). Otherwise the driver error is reworded (staging column
 * names replaced, the record's line and key added; never the line's content,
 * which may hold anything, secrets included) for statementError to classify.
 */
import { csvRecord, findUnstorableText } from "@/connectors/postgres-destination/csv-record";
import { rejectionText, rowKey } from "@/connectors/postgres-destination/diagnose-cast";
import { stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { isDataError } from "@/connectors/postgres-destination/pg-errors";
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TColumn, TRecordBatch } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** SQLSTATE of "invalid byte sequence for encoding" (a NUL byte, or bytes that are not UTF-8). */
const UNTRANSLATABLE = "22021";

type TPosition = { line: number; column?: TColumn };

/** The line and column the COPY context names: the last context line starting "COPY ", column names matched against the plan's (or the staging's c1…). */
export function copyPosition(where: string | undefined, r: TResolvedPlan): TPosition | null {
  const copyLine = (where ?? "")
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("COPY "));
  const m = copyLine ? /, line (\d+)(?:, column (.*)|: .*)?$/s.exec(copyLine) : null;
  if (!m) return null;
  const rest = m[2];
  const named = (name: string) => rest !== undefined && (rest === name || rest.startsWith(`${name}: `));
  const candidates = r.columns.map((c, i) => ({ c, name: r.directLoad ? c.name : stageColumn(i) })).sort((a, b) => b.name.length - a.name.length);
  const column = rest === undefined ? undefined : candidates.find((x) => named(x.name))?.c;
  return { line: Number(m[1]), ...(column ? { column } : {}) };
}

/**
 * The error to report for a COPY that failed: an AppError DATA_REJECTED for
 * a refused value, else the driver error reworded for statementError.
 * `where` describes the destination for the message.
 */
export function copyFailure(e: unknown, r: TResolvedPlan, batch: TRecordBatch, where: string): unknown {
  if (!(e instanceof Error)) return e;
  const code = (e as { code?: string }).code;
  const message = e.message.replace(/column "(c\d+)"/g, (whole, name: string) => {
    const i = r.directLoad ? -1 : r.columns.findIndex((_, j) => stageColumn(j) === name);
    return i < 0 ? whole : `column "${r.columns[i]!.name}"`;
  });
  let position = copyPosition((e as { where?: string }).where, r);
  if (code === UNTRANSLATABLE) {
    const found = findUnstorableText(batch.csv);
    const name = found ? batch.columns[found.field] : undefined;
    const column = r.columns.find((c) => c.name === name);
    if (found) position = { line: found.record, ...(column ? { column } : {}) };
  }
  const record = position ? csvRecord(batch.csv, position.line) : null;
  const valueOf = (name: string) => {
    const i = batch.columns.indexOf(name);
    return record && i >= 0 ? (record[i] ?? null) : undefined;
  };
  const key = position ? rowKey(r.plan, valueOf, `at line ${position.line} of the batch`) : undefined;
  if (isDataError(e) && position?.column && key) {
    const column = position.column;
    const detail = (e as { detail?: string }).detail;
    const reason =
      code === UNTRANSLATABLE
        ? `${message}: PostgreSQL text holds neither the NUL character nor bytes that are not UTF-8`
        : `${message}${detail ? `: ${detail}` : ""}`;
    return new AppError(
      "DATA_REJECTED",
      `${where}: ${rejectionText({ stream: r.plan.stream, column, key, value: valueOf(column.name) ?? null, reason })} (line ${position.line} of the batch). Nothing was committed.`,
      { sqlstate: code, column: column.name, row: key },
    );
  }
  const at = position ? ` (line ${position.line} of the batch${key ? `, row ${key}` : ""})` : "";
  return Object.assign(new Error(`${message}${at}. Nothing was committed`), { code });
}
