/**
 * Configuration of the DuckDB destination: the database file and optional
 * resource limits. The JSON Schema (`DUCKDB_SPEC`) drives the UI form; the
 * zod schema validates at run time and applies the defaults.
 */
import path from "node:path";
import { z } from "zod";

import type { TConnectorSpec } from "@/connectors/types";
import { stateDir } from "@/lib/env";
import { parseConnectorConfig } from "@/connectors/parse-config";

/** DuckDB's size syntax: "512MB", "4GB", "1.5GiB". */
const MEMORY_SIZE = /^\d+(\.\d+)?\s*([Bb]|[KkMmGgTt][Ii]?[Bb])$/; // no flags: it is also the JSON Schema pattern

export const ZDuckDbConfig = z
  .object({
    /** The database file; default `<WEIR_STATE_DIR>/warehouse.duckdb`. Relative paths resolve against the working directory. */
    path: z.string().min(1).optional(),
    /** Worker threads DuckDB may use; default: one per CPU core. */
    threads: z.number().int().min(1).max(256).optional(),
    /** DuckDB's memory limit during a sync, e.g. "4GB"; default SYNC_MEMORY_LIMIT. Larger work spills to `<path>.tmp`. */
    memoryLimit: z.string().regex(MEMORY_SIZE, 'a size such as "512MB" or "4GB"').optional(),
  })
  .strict();

/**
 * DuckDB's memory limit in a sync session unless the configuration sets one.
 * DuckDB's own default (80% of RAM) lets one large load take the machine;
 * with this limit a 5,000,000-row full refresh peaks at ~470 MB of worker
 * RSS at the same speed (`npm run bench:sync`, docs/performance.md).
 */
export const SYNC_MEMORY_LIMIT = "192MB";

/** The configuration as stored. */
export type TDuckDbConfig = z.input<typeof ZDuckDbConfig>;
type TParsedConfig = z.output<typeof ZDuckDbConfig>;

/** Validates a stored configuration; a bad one is the user's to fix, so BAD_INPUT naming the field. */
export function parseDuckDbConfig(config: unknown): TParsedConfig {
  return parseConnectorConfig(ZDuckDbConfig, "DuckDB destination", config ?? {});
}

/** The absolute path of the database file. */
export function databasePath(config: TParsedConfig): string {
  return path.resolve(/* turbopackIgnore: true */ config.path ?? path.join(stateDir(), "warehouse.duckdb"));
}

export const DUCKDB_SPEC: TConnectorSpec = {
  type: "object",
  title: "DuckDB",
  additionalProperties: false,
  properties: {
    path: {
      type: "string",
      title: "Database file",
      description: "Path of the DuckDB file; created with its folder when missing. Default: warehouse.duckdb in Weir's state folder.",
      minLength: 1,
    },
    threads: { type: "integer", title: "Threads", description: "Worker threads DuckDB may use. Default: one per CPU core.", minimum: 1, maximum: 256 },
    memoryLimit: {
      type: "string",
      title: "Memory limit",
      description:
        'DuckDB\'s memory during a sync, for example "4GB". Default: 192MB, which keeps a sync worker under 500 MB however large the load; larger loads spill to disk next to the file.',
      pattern: MEMORY_SIZE.source,
    },
  },
};
