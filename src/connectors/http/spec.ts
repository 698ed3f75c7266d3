/**
 * The JSON Schema of the HTTP source's configuration, which the UI renders
 * as a form (see config.ts for the run-time validation and defaults). Auth
 * and pagination are flat objects with a `type` and the fields of every
 * type, each described with the type it belongs to: the form walker finds
 * secrets by property (`"secret": true`), which conditional subschemas
 * would hide from it. Fields of one type carry no defaults here (the
 * validator would add them to every type); config.ts applies them.
 */
import { AUTH_TYPES, HEADER_NAME, PAGINATION_TYPES, STREAM_NAME } from "@/connectors/http/config";
import type { TConnectorSpec } from "@/connectors/types";

const text = (title: string, description?: string) => ({ type: "string", title, minLength: 1, ...(description ? { description } : {}) });

const AUTH = {
  type: "object",
  title: "Authentication",
  required: ["type"],
  additionalProperties: false,
  properties: {
    type: {
      type: "string",
      title: "Type",
      enum: [...AUTH_TYPES],
      default: "none",
      description: "none, bearer token, basic (username + password) or an API key header",
    },
    token: { ...text("Token (bearer)", "Sent as Authorization: Bearer <token>."), secret: true },
    username: text("Username (basic)"),
    password: { type: "string", title: "Password (basic)", secret: true },
    headerName: { type: "string", title: "Header name (API key)", pattern: HEADER_NAME.source, description: "e.g. X-API-Key" },
    headerValue: { ...text("API key (API key)"), secret: true },
  },
};

const PAGINATION = {
  type: "object",
  title: "Pagination",
  required: ["type"],
  additionalProperties: false,
  properties: {
    type: {
      type: "string",
      title: "Type",
      enum: [...PAGINATION_TYPES],
      default: "none",
      description:
        'none: one request · page: a page number parameter · offset: offset + limit parameters · cursor: the body names the next cursor · link: the Link header\'s rel="next"',
    },
    param: text("Page or cursor parameter (page, cursor)", 'Query parameter of the page number (default "page") or of the cursor (default "cursor").'),
    start: { type: "integer", title: "First page number (page)", minimum: 0, description: "Default 1." },
    sizeParam: text("Page size parameter (page)", "e.g. per_page; set together with the page size."),
    size: { type: "integer", title: "Page size (page)", minimum: 1, description: "A page with fewer records is the last: do not exceed the API's maximum." },
    offsetParam: text("Offset parameter (offset)", 'Default "offset".'),
    limitParam: text("Limit parameter (offset)", 'Default "limit".'),
    limit: {
      type: "integer",
      title: "Limit (offset)",
      minimum: 1,
      description: "Default 100. A page with fewer records is the last: do not exceed the API's maximum.",
    },
    cursorPath: text("Next cursor path (cursor)", "Dotted path of the next cursor in the body, e.g. meta.next_cursor; none or empty ends the stream."),
  },
};

const INCREMENTAL = {
  type: "object",
  title: "Incremental",
  required: ["cursorField"],
  additionalProperties: false,
  properties: {
    cursorField: text("Cursor field", "A field of the records that grows with every change, e.g. updated_at."),
    param: text(
      "Cursor parameter",
      "Query parameter that receives the saved cursor, e.g. updated_since (timestamps are sent as ISO 8601 UTC). Without it every read is full and Weir keeps the newer records.",
    ),
  },
};

const STREAM = {
  type: "object",
  required: ["name", "path"],
  additionalProperties: false,
  properties: {
    name: { type: "string", title: "Stream name", pattern: STREAM_NAME.source },
    path: text("Path", "Endpoint path relative to the base URL, e.g. /v1/orders."),
    params: { type: "object", title: "Query parameters", additionalProperties: { type: "string" }, default: {} },
    recordsPath: {
      type: "string",
      title: "Records path",
      default: "",
      description: "Dotted path of the records array in the body, e.g. data.items; empty when the body is the array.",
    },
    primaryKey: { type: "array", title: "Primary key fields", items: { type: "string", minLength: 1 }, default: [] },
    pagination: PAGINATION,
    incremental: INCREMENTAL,
  },
};

export const HTTP_SPEC: TConnectorSpec = {
  type: "object",
  title: "HTTP JSON API",
  required: ["baseUrl", "streams"],
  additionalProperties: false,
  properties: {
    baseUrl: {
      type: "string",
      title: "Base URL",
      format: "uri",
      minLength: 1,
      description: "e.g. https://api.example.com/v1; stream paths are appended to it.",
    },
    auth: AUTH,
    headers: {
      type: "object",
      title: "Extra headers",
      description: "Sent with every request. Not for secrets: put credentials in Authentication.",
      propertyNames: { pattern: HEADER_NAME.source },
      additionalProperties: { type: "string" },
      default: {},
    },
    streams: { type: "array", title: "Streams", minItems: 1, items: STREAM },
    timeoutSeconds: { type: "number", title: "Request timeout (seconds)", exclusiveMinimum: 0, maximum: 600, default: 30 },
    maxRetries: {
      type: "integer",
      title: "Retries",
      minimum: 0,
      maximum: 20,
      default: 5,
      description: "Retries of a request after 429, 5xx or a network error, with exponential backoff.",
    },
  },
};
