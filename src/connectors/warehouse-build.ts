/**
 * What every warehouse's model build shares (warehouse-types.ts): the
 * temporary name a table build fills before the swap, and the error that
 * names the model and the line of its compiled SQL.
 */
import { AppError } from "@/lib/app-error";

/** A SQL error in a model's build: the model, the line in its compiled SQL, the warehouse's words. */
export function modelSqlError(model: string, line: number | null, message: string): AppError {
  return new AppError("BAD_INPUT", `Model "${model}"${line ? `, line ${line}` : ""}: ${message}`, { field: "sql", model, line });
}

/** The line (1-based) of a 1-based character `position` in `sql`. */
export function lineAt(sql: string, position: number): number {
  return sql.slice(0, Math.max(0, position - 1)).split("\n").length;
}

/** Temporary name a table build fills before the swap. */
export function buildingName(name: string): string {
  return `${name}__weir_building`;
}
