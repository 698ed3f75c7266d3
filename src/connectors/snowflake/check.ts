/**
 * `check` of the Snowflake destination, within 9 s (the server gives a test 10): signs in (naming an
 * unknown account, a wrong password or key, a role not granted), then proves
 * Weir can do its work, naming exactly what is missing: the warehouse can be
 * used, the database and default schema exist (or the schema can be
 * created), and the role can create tables in the default schema and in
 * _WEIR, where the ledger and staging live. The probe tables are dropped, so
 * a check leaves nothing behind but _WEIR.
 */
import { randomBytes } from "node:crypto";

import { type TSnowflake, type TSnowflakeConfig, describeTarget, parseSnowflakeConfig } from "@/connectors/snowflake/config";
import { type SnowflakeConnection, connectSnowflake } from "@/connectors/snowflake/connect";
import { WEIR_SCHEMA, fold, qualified, quoteIdent } from "@/connectors/snowflake/identifiers";
import { queryTag } from "@/connectors/snowflake/query-tag";
import { maskSecrets } from "@/connectors/snowflake/snowflake-errors";
import { checkWithin } from "@/connectors/check-within";
import type { TCheckResult, TConnectorContext } from "@/connectors/types";

/** The whole check's budget: within the server's 10 s, so this message is the one shown. */
export const CHECK_TIMEOUT_MS = 9_000;

class ProbeFailure extends Error {}

/** Runs a probe statement; any failure becomes `explain` followed by Snowflake's words. */
async function probe(connection: SnowflakeConnection, sql: string, explain: string): Promise<void> {
  try {
    await connection.exec(sql, "checking");
  } catch (e) {
    const said = e instanceof Error ? e.message.replace(/^Snowflake destination [^,]+, checking: /, "") : String(e);
    throw new ProbeFailure(`${explain} (Snowflake: ${said})`);
  }
}

async function schemaExists(connection: SnowflakeConnection, schema: string): Promise<boolean> {
  const found = await connection.exec("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", "checking", { binds: [fold(schema)] });
  return Number(found.rows[0]?.[0] ?? 0) > 0;
}

async function probeCreateTable(connection: SnowflakeConnection, config: TSnowflake, schema: string): Promise<void> {
  const table = qualified(schema, `_WEIR_CHECK_${randomBytes(6).toString("hex").toUpperCase()}`);
  const role = config.role ? `role ${config.role}` : `the default role of user ${config.user}`;
  await probe(
    connection,
    `CREATE TRANSIENT TABLE ${table} ("ID" NUMBER(10,0))`,
    `${role} may not create tables in schema "${schema}": GRANT CREATE TABLE ON SCHEMA ${config.database}.${quoteIdent(schema)} TO ROLE …`,
  );
  await connection.exec(`DROP TABLE IF EXISTS ${table}`, "checking");
}

async function ensureSchemaProbe(connection: SnowflakeConnection, config: TSnowflake, schema: string): Promise<void> {
  if (await schemaExists(connection, schema)) return;
  await probe(
    connection,
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
    `schema "${schema}" does not exist in database "${config.database}" and the role may not create it: create it, or GRANT CREATE SCHEMA ON DATABASE ${quoteIdent(config.database)} TO ROLE …`,
  );
}

async function runCheck(config: TSnowflake, ctx: TConnectorContext, signal: AbortSignal): Promise<TCheckResult> {
  const connection = await connectSnowflake(config, {
    log: ctx.log,
    signal,
    tag: queryTag(config.queryTag, { kind: "endpoint-check" }),
    loginTimeoutMs: CHECK_TIMEOUT_MS,
  });
  try {
    await probe(
      connection,
      `USE WAREHOUSE ${quoteIdent(config.warehouse)}`,
      `warehouse "${config.warehouse}" does not exist or the role may not use it: GRANT USAGE ON WAREHOUSE ${quoteIdent(config.warehouse)} TO ROLE …`,
    );
    await probe(
      connection,
      `USE DATABASE ${quoteIdent(config.database)}`,
      `database "${config.database}" does not exist or the role may not use it: GRANT USAGE ON DATABASE ${quoteIdent(config.database)} TO ROLE …`,
    );
    await ensureSchemaProbe(connection, config, config.schema);
    await probe(
      connection,
      `USE SCHEMA ${quoteIdent(config.schema)}`,
      `the role may not use schema "${config.schema}": GRANT USAGE ON SCHEMA ${config.database}.${quoteIdent(config.schema)} TO ROLE …`,
    );
    await probeCreateTable(connection, config, config.schema);
    await ensureSchemaProbe(connection, config, WEIR_SCHEMA);
    await probeCreateTable(connection, config, WEIR_SCHEMA);
    return {
      ok: true,
      message: `Signed in to ${config.account} as ${config.user}; warehouse ${config.warehouse}, database ${config.database} and schema ${config.schema} are usable, and tables can be created.`,
    };
  } catch (e) {
    if (e instanceof ProbeFailure) return { ok: false, message: `Snowflake destination ${describeTarget(config)}: ${maskSecrets(e.message, config)}` };
    throw e;
  } finally {
    await connection.close();
  }
}

export function checkDestination(raw: TSnowflakeConfig, ctx: TConnectorContext): Promise<TCheckResult> {
  return checkWithin(raw, ctx, {
    timeoutMs: CHECK_TIMEOUT_MS,
    parse: parseSnowflakeConfig,
    where: (config) => `Snowflake destination ${describeTarget(config)}`,
    mask: maskSecrets,
    logFields: (config) => ({ account: config.account }),
    probe: (config, signal) => runCheck(config, ctx, signal),
  });
}
