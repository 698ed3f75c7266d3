/**
 * check: connects, runs a trivial query and makes sure every included schema
 * exists and can be read, answering within CHECK_BUDGET_MS whatever the
 * network does (connect timeout, statement timeout, and a last-resort timer
 * that destroys the connection). A failure names its cause (errors.ts) and
 * never contains the password.
 */
import type pg from "pg";

import { closeClient, destroyClient, openClient } from "@/connectors/postgres/connect";
import { type TErrorTarget, describeConnectError, describeLostConnection } from "@/connectors/postgres/errors";
import { type TPostgresConfig, type TPostgresSourceConfig, parsePostgresConfig } from "@/connectors/postgres/spec";
import type { TCheckResult, TConnectorContext } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";

/** check answers within this, even when the host swallows packets. */
export const CHECK_BUDGET_MS = 9_000;
export const CHECK_CONNECT_TIMEOUT_MS = 7_000;
export const CHECK_STATEMENT_TIMEOUT_MS = 5_000;
/** Oldest server whose catalogs discover understands (pg_partition_tree). */
const MIN_SERVER_VERSION = 120000;

const SCHEMAS_SQL = `
SELECT s.name, n.oid IS NOT NULL AS exists,
  coalesce(pg_catalog.has_schema_privilege(n.oid, 'USAGE'), false) AS usable,
  (SELECT count(*)::int FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition) AS relations,
  (SELECT count(*)::int FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition
     AND pg_catalog.has_any_column_privilege(c.oid, 'SELECT')) AS readable
FROM unnest($1::text[]) WITH ORDINALITY AS s(name, ord)
LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.name
ORDER BY s.ord`;

type TSchemaRow = { name: string; exists: boolean; usable: boolean; relations: number; readable: number };

/** What is wrong with the included schemas, one sentence each; empty when all is well. */
async function schemaProblems(client: pg.Client, config: TPostgresConfig): Promise<string[]> {
  const { rows } = await client.query<TSchemaRow>(SCHEMAS_SQL, [config.schemas]);
  const problems: string[] = [];
  for (const s of rows) {
    if (!s.exists) problems.push(`Schema "${s.name}" does not exist in database "${config.database}".`);
    else if (!s.usable) problems.push(`Permission denied: user "${config.user}" has no USAGE privilege on schema "${s.name}" (GRANT USAGE ON SCHEMA … TO …).`);
    else if (s.relations > 0 && s.readable === 0) {
      problems.push(
        `Permission denied: user "${config.user}" may not read any of the ${s.relations} tables and views in schema "${s.name}" (GRANT SELECT ON ALL TABLES IN SCHEMA … TO …).`,
      );
    }
  }
  return problems;
}

async function probe(config: TPostgresConfig, ctx: TConnectorContext, hold: (client: pg.Client) => void, connected: () => void): Promise<TCheckResult> {
  const client = await openClient(config, {
    log: ctx.log,
    connectTimeoutMs: CHECK_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: CHECK_STATEMENT_TIMEOUT_MS,
    signal: ctx.signal,
    onClient: hold,
  });
  connected();
  try {
    const { rows } = await client.query<{ version: number }>("SELECT current_setting('server_version_num')::int AS version");
    const version = rows[0]?.version ?? 0;
    if (version < MIN_SERVER_VERSION) {
      return { ok: false, message: `The server runs PostgreSQL ${Math.floor(version / 10000)}; the source needs PostgreSQL 12 or newer.` };
    }
    const problems = await schemaProblems(client, config);
    return problems.length ? { ok: false, message: problems.join(" ") } : { ok: true };
  } finally {
    await closeClient(client);
  }
}

export async function check(rawConfig: TPostgresSourceConfig, ctx: TConnectorContext): Promise<TCheckResult> {
  let config: TPostgresConfig;
  try {
    config = parsePostgresConfig(rawConfig);
  } catch (e) {
    return { ok: false, message: isAppError(e) ? e.message : String(e) };
  }
  const target: TErrorTarget = { host: config.host, port: config.port, database: config.database, user: config.user, password: config.password };
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<TCheckResult>((resolve) => {
    timer = setTimeout(() => {
      if (client) destroyClient(client);
      resolve({
        ok: false,
        message: `No answer from ${target.host}:${target.port} within ${CHECK_BUDGET_MS / 1000} s. Check the host, the port and any firewall in between.`,
      });
    }, CHECK_BUDGET_MS);
  });
  let up = false;
  const attempt = probe(
    config,
    ctx,
    (c) => (client = c),
    () => (up = true),
  ).catch((e: unknown): TCheckResult => {
    if (ctx.signal.aborted) return { ok: false, message: "The check was cancelled." };
    ctx.log.debug({ err: e }, "postgres source: check failed");
    const lost = up ? describeLostConnection(e, target, "checking the schemas") : null;
    return { ok: false, message: lost ?? describeConnectError(e, target, CHECK_CONNECT_TIMEOUT_MS) };
  });
  try {
    return await Promise.race([attempt, outOfTime]);
  } finally {
    clearTimeout(timer);
  }
}
