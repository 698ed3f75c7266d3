/**
 * Configuration of the PostgreSQL destination: where the warehouse is, who
 * Weir signs in as, TLS, and the schema streams land in when a connection
 * names none. The JSON Schema (`POSTGRES_DESTINATION_SPEC`) drives the UI
 * form; the zod schema validates at run time and applies the defaults.
 */
import type { ClientConfig } from "pg";
import { z } from "zod";

import type { TConnectorSpec } from "@/connectors/types";
import { parseConnectorConfig } from "@/connectors/parse-config";

/**
 * libpq's sslmode values. `prefer` tries TLS and falls back to a plain
 * connection when the server has none; `require` encrypts without checking the
 * certificate; `verify-ca` checks it against the CA; `verify-full` also checks
 * that it names the host.
 */
export const SSL_MODES = ["disable", "prefer", "require", "verify-ca", "verify-full"] as const;
export type TSslMode = (typeof SSL_MODES)[number];

export const ZPostgresDestinationConfig = z
  .object({
    host: z.string().trim().min(1),
    /** Default 5432. */
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    /** May be empty for servers that trust the client (trust, peer, cert auth). */
    password: z.string().default(""),
    /** Default "prefer", as libpq. */
    sslMode: z.enum(SSL_MODES).default("prefer"),
    /** PEM of the CA that signed the server's certificate (verify-ca, verify-full); default: the system's CAs. */
    sslRootCert: z.string().optional(),
    /** Schema used when a connection sets no destination namespace; default "public". */
    defaultSchema: z.string().min(1).max(63).default("public"),
  })
  .strict();

/** The configuration as stored (defaults optional). */
export type TPostgresDestinationConfig = z.input<typeof ZPostgresDestinationConfig>;
/** The configuration with defaults applied. */
export type TPostgresDestination = z.output<typeof ZPostgresDestinationConfig>;

/** Validates a stored configuration; a bad one is the user's to fix, so BAD_INPUT naming the field (never its value). */
export function parsePostgresDestinationConfig(config: unknown): TPostgresDestination {
  return parseConnectorConfig(ZPostgresDestinationConfig, "PostgreSQL destination", config);
}

/** `host:port/database` for messages: says where without saying who or with what password. */
export function describeTarget(config: TPostgresDestination): string {
  return `${config.host}:${config.port}/${config.database}`;
}

/** The node-postgres TLS option for an sslmode; `prefer` is resolved by the caller (try TLS, then without). */
export function sslOption(config: TPostgresDestination, mode: Exclude<TSslMode, "prefer">): ClientConfig["ssl"] {
  switch (mode) {
    case "disable":
      return false;
    case "require":
      return { rejectUnauthorized: false };
    case "verify-ca":
      // The chain is checked; the name in the certificate is not (libpq's verify-ca).
      return { rejectUnauthorized: true, ca: config.sslRootCert, checkServerIdentity: () => undefined };
    case "verify-full":
      return { rejectUnauthorized: true, ca: config.sslRootCert };
  }
}

export type TClientOptions = { connectTimeoutMs: number; statementTimeoutMs?: number; applicationName: string };

/** node-postgres options of one connection with TLS resolved to `mode`. */
export function clientConfig(config: TPostgresDestination, mode: Exclude<TSslMode, "prefer">, opts: TClientOptions): ClientConfig {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: sslOption(config, mode),
    connectionTimeoutMillis: opts.connectTimeoutMs,
    statement_timeout: opts.statementTimeoutMs,
    application_name: opts.applicationName,
    keepAlive: true,
  };
}

export const POSTGRES_DESTINATION_SPEC: TConnectorSpec = {
  type: "object",
  title: "PostgreSQL",
  required: ["host", "database", "user"],
  additionalProperties: false,
  properties: {
    host: { type: "string", title: "Host", description: "Name or IP address of the PostgreSQL server.", minLength: 1 },
    port: { type: "integer", title: "Port", default: 5432, minimum: 1, maximum: 65535 },
    database: { type: "string", title: "Database", minLength: 1 },
    user: { type: "string", title: "User", description: "Needs CREATE on the database (or on the target schemas and _weir).", minLength: 1 },
    password: { type: "string", title: "Password", secret: true, default: "" },
    sslMode: {
      type: "string",
      title: "SSL mode",
      enum: [...SSL_MODES],
      default: "prefer",
      description: "As libpq: prefer tries TLS first; verify-ca and verify-full check the server's certificate.",
    },
    sslRootCert: { type: "string", title: "CA certificate (PEM)", description: "For verify-ca and verify-full; default: the system's CAs." },
    defaultSchema: {
      type: "string",
      title: "Default schema",
      default: "public",
      minLength: 1,
      maxLength: 63,
      description: "Where streams land when the connection sets no destination namespace.",
    },
  },
};
