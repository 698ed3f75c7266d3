/**
 * Run-time validation of a connector's stored configuration with its zod
 * schema (which also applies the defaults). A bad configuration is the
 * user's to fix: BAD_INPUT naming the connector and the field, never the
 * value (it may be a secret).
 */
import type { z } from "zod";

import { AppError } from "@/lib/app-error";

export function parseConnectorConfig<T extends z.ZodType>(schema: T, connector: string, config: unknown): z.output<T> {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "configuration";
  throw new AppError("BAD_INPUT", `${connector}: ${where}: ${issue?.message ?? "invalid"}.`);
}
