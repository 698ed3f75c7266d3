/**
 * The process environment, validated once with zod. Every setting Weir reads
 * from the environment is declared here with its default.
 */
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** PostgreSQL for metadata and the job queue; unset means the embedded server. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded PostgreSQL, the DuckDB file and generated keys live. */
  WEIR_STATE_DIR: z.string().default(".weir"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Port of the embedded PostgreSQL; 0 picks a free one. */
  WEIR_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Signs session tokens; generated into the state folder when unset. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  WEIR_ADMIN_EMAIL: z.string().email().optional(),
  WEIR_ADMIN_PASSWORD: z.string().min(8).optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Worker: how many jobs one process runs at once. */
  WEIR_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Sign-in attempts allowed per email and per IP in 15 minutes. */
  WEIR_SIGNIN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** The validated environment; throws a readable message naming bad variables. */
export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function stateDir(): string {
  return path.resolve(env().WEIR_STATE_DIR);
}
