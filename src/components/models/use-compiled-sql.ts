"use client";
/**
 * The SQL a model being edited compiles to (model.compile), asked for 400 ms
 * after the last change; the error names the line when the template is
 * invalid.
 */
import { useMemo } from "react";
import { errorLine } from "@/components/models/model-form";
import { useDebouncedValue } from "@/components/models/use-debounced-value";
import { trpc } from "@/components/trpc/trpc-react";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

type TInput = { name: string; sql: string; destinationId: string; isIncremental: boolean };

export function useCompiledSql(input: TInput) {
  const current = useMemo(
    () => ({ ...input, name: IDENTIFIER.test(input.name.trim()) ? input.name.trim() : "untitled_model" }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the fields: callers pass a new object each render
    [input.name, input.sql, input.destinationId, input.isIncremental],
  );
  const settled = useDebouncedValue(current, 400);
  const enabled = settled.destinationId !== "" && settled.sql.trim() !== "";
  const compiled = trpc.model.compile.useQuery(settled, { enabled, retry: false, staleTime: 60_000, placeholderData: (prev) => prev });
  const message = compiled.error?.message ?? null;
  return {
    enabled,
    sql: compiled.error ? null : (compiled.data?.sql ?? null),
    refs: compiled.data?.refs ?? [],
    error: message,
    errorLine: errorLine(message),
    pending: compiled.isFetching || settled !== current,
  };
}
