/**
 * `check` of the PostgreSQL destination, within 10 s: connects (naming an
 * unknown host, a closed port, a wrong password, an unknown role or database,
 * a TLS problem), then proves Weir can do its work: create the default schema
 * and `_weir` when missing, create and drop a probe table, write the ledger,
 * the cursor boundary and the objects read (or create them).
 * The probe runs in a transaction that is rolled back, so a check leaves
 * nothing behind. Messages never contain the password.
 */
import { randomBytes } from "node:crypto";

import type pg from "pg";

import {
  type TPostgresDestination,
  type TPostgresDestinationConfig,
  describeTarget,
  parsePostgresDestinationConfig,
} from "@/connectors/postgres-destination/config";
import { connectDestination } from "@/connectors/postgres-destination/connect";
import { LEDGER_SCHEMA, qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { BOOKKEEPING_PRIVILEGES, BOOKKEEPING_TABLE_NAMES } from "@/connectors/postgres-destination/ledger-sql";
import { maskPassword } from "@/connectors/postgres-destination/pg-errors";
import { checkWithin } from "@/connectors/check-within";
import type { TCheckResult, TConnectorContext } from "@/connectors/types";

/** The whole check's budget. */
export const CHECK_TIMEOUT_MS = 10_000;
/** Connecting gets most of it; the probe statements are quick. */
const CHECK_CONNECT_TIMEOUT_MS = 7_000;
const CHECK_STATEMENT_TIMEOUT_MS = 2_500;

class ProbeFailure extends Error {}

async function schemaExists(client: pg.Client, schema: string): Promise<boolean> {
  return ((await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount ?? 0) > 0;
}

/** Runs one probe statement; a missing privilege becomes `explain`, anything else propagates. */
async function probe(client: pg.Client, sql: string, explain: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (e) {
    if ((e as { code?: string }).code === "42501") throw new ProbeFailure(explain);
    throw e;
  }
}

async function ensureSchemaProbe(client: pg.Client, config: TPostgresDestination, schema: string): Promise<void> {
  if (await schemaExists(client, schema)) return;
  await probe(
    client,
    `CREATE SCHEMA ${quoteIdent(schema)}`,
    `schema "${schema}" does not exist and user "${config.user}" may not create it (no CREATE privilege on database "${config.database}"). Create the schema, or GRANT CREATE ON DATABASE ${quoteIdent(config.database)} TO ${quoteIdent(config.user)}.`,
  );
}

/** The privilege probe, inside a transaction the caller rolls back. */
async function probePrivileges(client: pg.Client, config: TPostgresDestination): Promise<void> {
  const schema = config.defaultSchema;
  await ensureSchemaProbe(client, config, schema);
  const table = qualified(schema, `_weir_check_${randomBytes(6).toString("hex")}`);
  await probe(
    client,
    `CREATE TABLE ${table} (id integer)`,
    `user "${config.user}" may not create tables in schema "${schema}" (no CREATE privilege on it). GRANT CREATE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(config.user)}.`,
  );
  await client.query(`DROP TABLE ${table}`);
  await ensureSchemaProbe(client, config, LEDGER_SCHEMA);
  const found = await client.query<{ name: string; writable: boolean }>(
    // has_table_privilege with a list answers whether ANY is held: each privilege is asked on its own.
    `SELECT t.name, (SELECT bool_and(has_table_privilege(to_regclass(format('%I.%I', $1::text, t.name)), p)) FROM unnest(string_to_array(t.privileges, ', ')) AS p) AS writable
       FROM unnest($2::text[], $3::text[]) AS t(name, privileges) WHERE to_regclass(format('%I.%I', $1::text, t.name)) IS NOT NULL`,
    [LEDGER_SCHEMA, BOOKKEEPING_TABLE_NAMES, BOOKKEEPING_TABLE_NAMES.map((t) => BOOKKEEPING_PRIVILEGES[t])],
  );
  const unwritable = found.rows.find((row) => !row.writable);
  if (unwritable) {
    const privileges = BOOKKEEPING_PRIVILEGES[unwritable.name];
    throw new ProbeFailure(
      `user "${config.user}" may not read and write Weir's ${unwritable.name} table ${LEDGER_SCHEMA}.${unwritable.name}. GRANT ${privileges} ON ${qualified(LEDGER_SCHEMA, unwritable.name)} TO ${quoteIdent(config.user)}.`,
    );
  }
  if (found.rows.length < BOOKKEEPING_TABLE_NAMES.length) {
    await probe(
      client,
      `CREATE TABLE ${qualified(LEDGER_SCHEMA, `_weir_check_${randomBytes(6).toString("hex")}`)} (id integer)`,
      `user "${config.user}" may not create tables in schema "${LEDGER_SCHEMA}", where Weir keeps its ledger.`,
    );
  }
}

async function runCheck(config: TPostgresDestination, ctx: TConnectorContext, signal: AbortSignal): Promise<TCheckResult> {
  const { client } = await connectDestination(config, {
    log: ctx.log,
    signal,
    connectTimeoutMs: CHECK_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: CHECK_STATEMENT_TIMEOUT_MS,
    applicationName: "weir-check",
  });
  const stop = () => void client.end().catch(() => undefined);
  signal.addEventListener("abort", stop, { once: true });
  try {
    await client.query("BEGIN");
    try {
      await probePrivileges(client, config);
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
    }
    return { ok: true };
  } catch (e) {
    if (e instanceof ProbeFailure) return { ok: false, message: `PostgreSQL destination ${describeTarget(config)}: ${e.message}` };
    throw e;
  } finally {
    signal.removeEventListener("abort", stop);
    await client.end().catch(() => undefined);
  }
}

export function checkDestination(raw: TPostgresDestinationConfig, ctx: TConnectorContext): Promise<TCheckResult> {
  return checkWithin(raw, ctx, {
    timeoutMs: CHECK_TIMEOUT_MS,
    parse: parsePostgresDestinationConfig,
    where: (config) => `PostgreSQL destination ${describeTarget(config)}`,
    mask: (text, config) => maskPassword(text, config.password),
    logFields: (config) => ({ host: config.host }),
    probe: (config, signal) => runCheck(config, ctx, signal),
  });
}
