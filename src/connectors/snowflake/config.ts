/**
 * Configuration of the Snowflake destination: the account, who Weir signs in
 * as (password or key pair), the role, warehouse, database and the schema
 * streams land in when a connection names none, an optional query tag and
 * the size of staged files. The JSON Schema (`SNOWFLAKE_SPEC`) drives the UI
 * form; the zod schema validates at run time and applies the defaults.
 * Fields of one authentication method are flat, described with the method
 * they belong to (as the HTTP source's auth): the form walker finds secrets
 * by property, which conditional subschemas would hide from it.
 */
import { createPrivateKey } from "node:crypto";

import { z } from "zod";

import type { TConnectorSpec } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import { parseConnectorConfig } from "@/connectors/parse-config";

export const AUTH_METHODS = ["password", "key_pair"] as const;

/** Snowflake recommends staged files of 100–250 MB compressed. */
export const DEFAULT_FILE_MB = 100;

/** An account identifier as Snowflake spells it: `orgname-account_name` or a locator such as `xy12345.eu-central-1`. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const name = (what: string) => z.string().trim().min(1, `name the ${what}`).max(255);

export const ZSnowflakeConfig = z
  .object({
    account: z.string().trim().regex(ACCOUNT, "an account identifier such as myorg-myaccount or xy12345.eu-central-1"),
    user: name("user"),
    /** Default "password". */
    authMethod: z.enum(AUTH_METHODS).default("password"),
    password: z.string().optional(),
    /** PEM of the user's RSA private key (PKCS#8), encrypted when a passphrase is set. */
    privateKey: z.string().optional(),
    privateKeyPassphrase: z.string().optional(),
    /** Default: the user's default role. */
    role: z.string().trim().min(1).max(255).optional(),
    warehouse: name("warehouse"),
    database: name("database"),
    /** Schema used when a connection sets no destination namespace; default "PUBLIC". */
    schema: name("schema").default("PUBLIC"),
    /** Added to every query's QUERY_TAG as "app"; default "weir". */
    queryTag: z.string().trim().min(1).max(200).default("weir"),
    /** Bound of one staged file, compressed; default 100 MB. */
    fileMb: z.number().int().min(1).max(1024).default(DEFAULT_FILE_MB),
    /** Where the account is reached; default https://<account>.snowflakecomputing.com (set it for private link or a test emulator). */
    accessUrl: z
      .string()
      .url()
      .regex(/^https?:\/\//, "an http(s) URL")
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.authMethod === "password" && !c.password)
      ctx.addIssue({ code: "custom", path: ["password"], message: "set the password (or choose key pair authentication)" });
    if (c.authMethod === "key_pair" && !c.privateKey)
      ctx.addIssue({ code: "custom", path: ["privateKey"], message: "paste the private key (PEM) for key pair authentication" });
  });

/** The configuration as stored (defaults optional). */
export type TSnowflakeConfig = z.input<typeof ZSnowflakeConfig>;
/** The configuration with defaults applied. */
export type TSnowflake = z.output<typeof ZSnowflakeConfig>;

/** Validates a stored configuration; a bad one is the user's to fix, so BAD_INPUT naming the field (never its value). */
export function parseSnowflakeConfig(config: unknown): TSnowflake {
  return parseConnectorConfig(ZSnowflakeConfig, "Snowflake destination", config);
}

/** `account/database` for messages: says where without saying who or with what secret. */
export function describeTarget(config: TSnowflake): string {
  return `${config.account}/${config.database}`;
}

/**
 * The private key as unencrypted PKCS#8 PEM, which snowflake-sdk signs its
 * login token with; a key that cannot be read (or a wrong passphrase) is the
 * user's to fix, named without the key.
 */
export function privateKeyPem(config: TSnowflake): string {
  try {
    const key = createPrivateKey({
      key: config.privateKey ?? "",
      format: "pem",
      ...(config.privateKeyPassphrase ? { passphrase: config.privateKeyPassphrase } : {}),
    });
    return key.export({ format: "pem", type: "pkcs8" }).toString();
  } catch (e) {
    // An encrypted PEM says so in its header; a wrong passphrase does not always fail
    // at decryption (about 1 in 256 pass the padding check and fail in ASN.1 instead).
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(config.privateKey ?? "");
    const reason =
      encrypted || /passphrase|decrypt/i.test(e instanceof Error ? e.message : "")
        ? "it is encrypted and the passphrase is missing or wrong"
        : "it is not a PEM private key";
    throw new AppError("BAD_INPUT", `Snowflake destination: privateKey: the private key cannot be read: ${reason}.`);
  }
}

const text = (title: string, description?: string) => ({ type: "string", title, minLength: 1, ...(description ? { description } : {}) });

export const SNOWFLAKE_SPEC: TConnectorSpec = {
  type: "object",
  title: "Snowflake",
  required: ["account", "user", "warehouse", "database"],
  additionalProperties: false,
  properties: {
    account: { ...text("Account", "The account identifier: orgname-account_name, or a locator such as xy12345.eu-central-1."), pattern: ACCOUNT.source },
    user: text("User"),
    authMethod: {
      type: "string",
      title: "Authentication",
      enum: [...AUTH_METHODS],
      default: "password",
      description: "password, or key pair (the user's RSA key registered with ALTER USER … SET RSA_PUBLIC_KEY).",
    },
    password: { type: "string", title: "Password (password)", secret: true },
    privateKey: {
      type: "string",
      title: "Private key, PEM (key pair)",
      secret: true,
      multiline: true,
      description: "-----BEGIN PRIVATE KEY----- … (PKCS#8; encrypted keys need the passphrase).",
    },
    privateKeyPassphrase: { type: "string", title: "Private key passphrase (key pair)", secret: true },
    role: text(
      "Role",
      "Default: the user's default role. Needs USAGE on the warehouse and database and CREATE TABLE (and CREATE SCHEMA for new namespaces) on the database.",
    ),
    warehouse: text("Warehouse", "Runs the loads, models and checks."),
    database: text("Database"),
    schema: { ...text("Default schema", "Where streams land when the connection sets no destination namespace."), default: "PUBLIC" },
    queryTag: {
      ...text("Query tag", 'Every query carries a QUERY_TAG with this as "app" and the Weir run, connection and model, for cost attribution.'),
      default: "weir",
      maxLength: 200,
    },
    fileMb: {
      type: "integer",
      title: "Staged file size (MB, compressed)",
      default: DEFAULT_FILE_MB,
      minimum: 1,
      maximum: 1024,
      description: "Batches are gzipped into files of about this size, PUT to a stage and loaded with COPY INTO.",
    },
    accessUrl: {
      type: "string",
      title: "Access URL (advanced)",
      format: "uri",
      description: "Default https://<account>.snowflakecomputing.com. Set it for private link, or to reach a Snowflake emulator in tests.",
    },
  },
};
