/**
 * Finds out which SQL statement of a Weir server function is slow: records
 * the statements the Prisma client sends through node-postgres while the
 * function runs in this process (text, parameters, time), and prints the
 * EXPLAIN ANALYZE plan of one with the same parameters and the same
 * session settings (the function's set_config calls), in a transaction that
 * is rolled back.
 */
import pg from "pg";

export type TStatement = { text: string; values: unknown[]; ms: number };

type TQueryConfig = { text?: unknown; values?: unknown[] };
type TQuery = (this: pg.Client, ...args: unknown[]) => unknown;

/** Runs `work` and returns what it returned plus every statement it sent, in order. */
export async function captureStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: TStatement[] }> {
  const statements: TStatement[] = [];
  const proto = pg.Client.prototype as unknown as { query: TQuery };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as TQueryConfig | undefined;
    if (!config || typeof config !== "object" || typeof config.text !== "string") return original.apply(this, args);
    const started = performance.now();
    const entry: TStatement = { text: config.text, values: config.values ?? [], ms: 0 };
    statements.push(entry);
    const done = () => {
      entry.ms = performance.now() - started;
    };
    // pg.Pool#query calls the client with a callback; a checked-out client is called without one and returns a promise.
    const callbackAt = args.findIndex((a, i) => i > 0 && typeof a === "function");
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (...result: unknown[]) => unknown;
      args[callbackAt] = (...result: unknown[]) => {
        done();
        return callback(...result);
      };
      return original.apply(this, args);
    }
    const returned = original.apply(this, args);
    return returned instanceof Promise ? returned.finally(done) : returned;
  };
  try {
    return { result: await work(), statements };
  } finally {
    proto.query = original;
  }
}

const isSetting = (s: TStatement) => /^\s*SELECT\s+set_config\(/i.test(s.text);
const isQuery = (s: TStatement) => /^\s*(SELECT|WITH)\b/i.test(s.text) && !isSetting(s);

/** The statements that read data, slowest first. */
export function slowestQueries(statements: readonly TStatement[]): TStatement[] {
  return statements.filter(isQuery).sort((a, b) => b.ms - a.ms);
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of `statement` after the captured set_config
 * calls, rolled back. Synchronized sequential scans are off, so a scan
 * starts at the table's first block as a lone query's would, not wherever
 * the previous scan of a large table stopped.
 */
export async function explainAnalyze(databaseUrl: string, statement: TStatement, settings: readonly TStatement[]): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronize_seqscans = off");
    for (const s of settings.filter(isSetting)) await client.query(s.text, s.values);
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

/** The statement's SQL on one line (shortened) with its parameters, for the report. */
export function describeStatement(statement: TStatement, maxLength = 600): string {
  const sql = statement.text.replace(/\s+/g, " ").trim();
  const values = JSON.stringify(statement.values, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return `${sql.length > maxLength ? `${sql.slice(0, maxLength)}…` : sql}\n    parameters: ${values.length > 300 ? `${values.slice(0, 300)}…` : values}`;
}
