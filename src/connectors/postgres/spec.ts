/**
 * Configuration of the PostgreSQL source: where the server is, who to log in
 * as, how to encrypt, and which schemas to offer. `POSTGRES_SPEC` (JSON
 * Schema) drives the UI form and marks the password secret; the zod schema
 * validates at run time and applies the defaults.
 */
import { z } from "zod";

import type { TConnectorSpec } from "@/connectors/types";
import { parseConnectorConfig } from "@/connectors/parse-config";

export const SSL_MODES = ["disable", "require", "verify-full"] as const;
export type TSslMode = (typeof SSL_MODES)[number];

export const DEFAULT_PORT = 5432;
export const DEFAULT_SCHEMAS: readonly string[] = ["public"];

export const ZPostgresSourceConfig = z
  .object({
    /** Host name or IP address of the server. */
    host: z.string().trim().min(1),
    /** TCP port; default 5432. */
    port: z.number().int().min(1).max(65535).default(DEFAULT_PORT),
    database: z.string().min(1),
    user: z.string().min(1),
    /** Secret. Empty when the server trusts the user without one. */
    password: z.string().default(""),
    /**
     * disable: plain TCP. require: TLS without checking the certificate (as
     * libpq's sslmode=require). verify-full: TLS, certificate chain and host
     * name checked against `sslCa` or the system's CAs. Default require.
     */
    sslMode: z.enum(SSL_MODES).default("require"),
    /** PEM of the CA that signed the server's certificate (verify-full). */
    sslCa: z.string().optional(),
    /** Schemas whose tables and views become streams; default ["public"]. */
    schemas: z
      .array(z.string().min(1))
      .min(1)
      .refine((s) => new Set(s).size === s.length, "schemas must not repeat")
      .default([...DEFAULT_SCHEMAS]),
  })
  .strict();

/** The configuration as stored (defaults optional). */
export type TPostgresSourceConfig = z.input<typeof ZPostgresSourceConfig>;
/** The configuration with defaults applied. */
export type TPostgresConfig = z.output<typeof ZPostgresSourceConfig>;

/** Validates a stored configuration; a bad one is the user's to fix, so BAD_INPUT naming the field. */
export function parsePostgresConfig(config: unknown): TPostgresConfig {
  return parseConnectorConfig(ZPostgresSourceConfig, "PostgreSQL source", config);
}

export const POSTGRES_SPEC: TConnectorSpec = {
  type: "object",
  title: "PostgreSQL",
  required: ["host", "database", "user"],
  additionalProperties: false,
  properties: {
    host: { type: "string", title: "Host", description: "Host name or IP address, e.g. db.internal or 10.0.0.5.", minLength: 1 },
    port: { type: "integer", title: "Port", minimum: 1, maximum: 65535, default: DEFAULT_PORT },
    database: { type: "string", title: "Database", minLength: 1 },
    user: { type: "string", title: "User", minLength: 1 },
    password: { type: "string", title: "Password", secret: true },
    sslMode: {
      type: "string",
      title: "SSL mode",
      description: "disable: no encryption. require: encrypt, do not verify the certificate. verify-full: encrypt and verify the certificate and host name.",
      enum: [...SSL_MODES],
      default: "require",
    },
    sslCa: {
      type: "string",
      title: "CA certificate (PEM)",
      description: "For verify-full with a private CA: the PEM of the certificate authority. Leave empty to use the system's CAs.",
    },
    schemas: {
      type: "array",
      title: "Schemas",
      description: "Schemas whose tables and views are offered as streams.",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      uniqueItems: true,
      default: [...DEFAULT_SCHEMAS],
    },
  },
};
