/**
 * Configuration of the files source: a local folder and named streams, each a
 * glob of files in one format. The JSON Schema (`FILES_SPEC`) drives the UI
 * form; the zod schema validates at run time and applies the defaults.
 */
import { z } from "zod";

import type { TConnectorSpec } from "@/connectors/types";
import { parseConnectorConfig } from "@/connectors/parse-config";

export const FILE_FORMATS = ["csv", "ndjson", "parquet"] as const;
export type TFileFormat = (typeof FILE_FORMATS)[number];

/** Stream names become destination table names: keep them to identifier-friendly characters. */
const STREAM_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

/** CSV parsing options; anything left out is DuckDB's sniffer's call. */
export const ZCsvOptions = z
  .object({
    /** Whether the first line names the columns; default true. Without it columns are column0, column1, … */
    header: z.boolean().default(true),
    /** Field separator, default ",". */
    delimiter: z.string().min(1).max(4).default(","),
    /** Quote character; default: detected (usually `"`). */
    quote: z.string().max(1).optional(),
    /** Escape character inside quotes; default: detected (usually `"`). */
    escape: z.string().max(1).optional(),
  })
  .strict();

const ZPattern = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(p), "must be relative to basePath")
  .refine((p) => !p.split(/[\\/]/).includes(".."), "must not leave basePath (no '..' segments)");

export const ZFilesStreamConfig = z
  .object({
    name: z.string().regex(STREAM_NAME, "letters, digits, '_' and '-', starting with a letter or '_', at most 63"),
    /** Glob relative to basePath: `*`, `?`, `[abc]`, and `**` for any depth, e.g. "orders/*.csv". */
    pattern: ZPattern,
    format: z.enum(FILE_FORMATS),
    csv: ZCsvOptions.optional(),
    /** Declared primary key (column names), if the files have one. */
    primaryKey: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const ZFilesSourceConfig = z
  .object({
    /** A local folder; every pattern is resolved inside it. */
    basePath: z.string().min(1),
    streams: z
      .array(ZFilesStreamConfig)
      .min(1)
      .refine((streams) => new Set(streams.map((s) => s.name)).size === streams.length, "stream names must be unique"),
  })
  .strict();

/** The configuration as stored (defaults optional). */
export type TFilesSourceConfig = z.input<typeof ZFilesSourceConfig>;
/** The configuration with defaults applied. */
export type TFilesConfig = z.output<typeof ZFilesSourceConfig>;
export type TFilesStreamConfig = z.output<typeof ZFilesStreamConfig>;
export type TCsvOptions = z.output<typeof ZCsvOptions>;

/** Validates a stored configuration; a bad one is the user's to fix, so BAD_INPUT naming the field. */
export function parseFilesConfig(config: unknown): TFilesConfig {
  return parseConnectorConfig(ZFilesSourceConfig, "Files source", config);
}

export const FILES_SPEC: TConnectorSpec = {
  type: "object",
  title: "Files (CSV, NDJSON, Parquet)",
  required: ["basePath", "streams"],
  additionalProperties: false,
  properties: {
    basePath: {
      type: "string",
      title: "Base folder",
      description: "A local folder the worker can read, e.g. /data/exports. Stream patterns are relative to it.",
      minLength: 1,
    },
    streams: {
      type: "array",
      title: "Streams",
      minItems: 1,
      items: {
        type: "object",
        required: ["name", "pattern", "format"],
        additionalProperties: false,
        properties: {
          name: { type: "string", title: "Stream name", pattern: STREAM_NAME.source },
          pattern: {
            type: "string",
            title: "File pattern",
            description: "Glob relative to the base folder: * and ? within a name, ** for any depth, e.g. orders/*.csv",
            minLength: 1,
          },
          format: { type: "string", title: "Format", enum: [...FILE_FORMATS], default: "csv" },
          csv: {
            type: "object",
            title: "CSV options",
            additionalProperties: false,
            properties: {
              header: { type: "boolean", title: "First line is a header", default: true },
              delimiter: { type: "string", title: "Delimiter", default: ",", minLength: 1, maxLength: 4 },
              quote: { type: "string", title: "Quote character (default: detected)", maxLength: 1 },
              escape: { type: "string", title: "Escape character (default: detected)", maxLength: 1 },
            },
          },
          primaryKey: { type: "array", title: "Primary key columns", items: { type: "string", minLength: 1 }, default: [] },
        },
      },
    },
  },
};
