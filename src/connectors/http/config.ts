/**
 * Configuration of the HTTP JSON API source: a base URL, one auth style,
 * extra headers, and named streams (an endpoint path, where its records are
 * in the body, how it pages, and optionally how it reads incrementally).
 * The zod schema validates at run time and applies the defaults; the JSON
 * Schema the UI renders is in spec.ts.
 *
 * Auth and pagination are stored flat (`{ type, token, username, … }`) as
 * the form edits them; parsing keeps only the fields of the chosen type.
 */
import { z } from "zod";

import { parseConnectorConfig } from "@/connectors/parse-config";

/** Stream names become destination table names: keep them to identifier-friendly characters. */
export const STREAM_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
/** RFC 9110 token characters. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const NO_LINE_BREAKS = /^[^\r\n]*$/;

/** A non-empty single-line string, with `message` when it is missing or empty. */
const required = (message: string) => z.string({ error: message }).min(1, message).regex(NO_LINE_BREAKS, "must not contain line breaks");

export const AUTH_TYPES = ["none", "bearer", "basic", "apiKey"] as const;
export const PAGINATION_TYPES = ["none", "page", "offset", "cursor", "link"] as const;

const ZHeaderName = z.string({ error: "is required for API key auth" }).regex(HEADER_NAME, "must be a header name (letters, digits and -)");
const ZParam = z.string().min(1);

export const ZHttpAuth = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("bearer"), token: required("is required for bearer auth") }),
  z.object({
    type: z.literal("basic"),
    username: required("is required for basic auth"),
    password: z.string().regex(NO_LINE_BREAKS, "must not contain line breaks").default(""),
  }),
  z.object({ type: z.literal("apiKey"), headerName: ZHeaderName, headerValue: required("is required for API key auth") }),
]);

export const ZHttpPagination = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z
    .object({
      type: z.literal("page"),
      /** Query parameter of the page number; default "page". */
      param: ZParam.default("page"),
      /** The first page's number; default 1. */
      start: z.number().int().min(0).default(1),
      /** Query parameter of the page size, when the API takes one; sent with `size`. */
      sizeParam: ZParam.optional(),
      size: z.number().int().positive().optional(),
    })
    .refine((p) => (p.sizeParam === undefined) === (p.size === undefined), { message: "sizeParam and size go together", path: ["size"] }),
  z.object({
    type: z.literal("offset"),
    offsetParam: ZParam.default("offset"),
    limitParam: ZParam.default("limit"),
    /** Records per request; default 100. A shorter page is the last. */
    limit: z.number().int().positive().default(100),
  }),
  z.object({
    type: z.literal("cursor"),
    /** Dotted path of the next cursor in the body, e.g. "meta.next_cursor". */
    cursorPath: required("is required for cursor pagination"),
    /** Query parameter the cursor is sent in; default "cursor". */
    param: ZParam.default("cursor"),
  }),
  z.object({ type: z.literal("link") }),
]);

export const ZHttpIncremental = z.object({
  /** A field of the records that grows with each change, e.g. "updated_at". */
  cursorField: z.string().min(1),
  /** Query parameter that receives the saved cursor, e.g. "updated_since"; without it Weir filters the full read itself. */
  param: ZParam.optional(),
});

export const ZHttpStreamConfig = z.object({
  name: z.string().regex(STREAM_NAME, "letters, digits, '_' and '-', starting with a letter or '_', at most 63"),
  /** Endpoint path relative to baseUrl, e.g. "/v1/orders" (may carry a fixed query string). */
  path: z
    .string()
    .min(1)
    .refine((p) => !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.startsWith("//"), "must be a path relative to baseUrl, not a URL"),
  /** Fixed query parameters sent with every first request. */
  params: z.record(z.string(), z.string()).default({}),
  /** Dotted path of the records array in the body; "" when the body is the array. */
  recordsPath: z.string().default(""),
  /** Declared primary key (field names), if the records have one. */
  primaryKey: z.array(z.string().min(1)).default([]),
  pagination: ZHttpPagination.default({ type: "none" }),
  incremental: ZHttpIncremental.optional(),
});

const ZBaseUrl = z
  .string()
  .min(1)
  .refine((u) => URL.canParse(u) && ["http:", "https:"].includes(new URL(u).protocol), "must be an http:// or https:// URL")
  .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), "must not hold credentials; use auth");

export const ZHttpSourceConfig = z.object({
  baseUrl: ZBaseUrl,
  auth: ZHttpAuth.default({ type: "none" }),
  /** Extra request headers (not secrets: credentials belong in `auth`). */
  headers: z
    .record(z.string().regex(HEADER_NAME, "header names are letters, digits and -"), z.string().regex(NO_LINE_BREAKS, "must not contain line breaks"))
    .default({}),
  streams: z
    .array(ZHttpStreamConfig)
    .min(1)
    .refine((streams) => new Set(streams.map((s) => s.name)).size === streams.length, "stream names must be unique"),
  /** Seconds one request may take, body included; default 30. */
  timeoutSeconds: z.number().positive().max(600).default(30),
  /** Retries of a request after 429, 5xx or a network error; default 5. */
  maxRetries: z.number().int().min(0).max(20).default(5),
});

/** The configuration as stored (defaults optional). */
export type THttpSourceConfig = z.input<typeof ZHttpSourceConfig>;
/** The configuration with defaults applied. */
export type THttpConfig = z.output<typeof ZHttpSourceConfig>;
export type THttpStreamConfig = z.output<typeof ZHttpStreamConfig>;
export type THttpAuth = z.output<typeof ZHttpAuth>;
export type THttpPagination = z.output<typeof ZHttpPagination>;

/** Validates a stored configuration; a bad one is the user's to fix, so BAD_INPUT naming the field. */
export function parseHttpConfig(config: unknown): THttpConfig {
  return parseConnectorConfig(ZHttpSourceConfig, "HTTP source", config);
}
