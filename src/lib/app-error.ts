/**
 * The one error type of Weir's domain code. A code says what went wrong; the
 * message says it to a person, with what to do. The tRPC error formatter and
 * the API routes map codes to tRPC codes and HTTP statuses.
 */
export const APP_ERROR_CODES = {
  BAD_INPUT: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  USER_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  USER_EXISTS: { trpc: "CONFLICT", http: 409 },
  LAST_ADMIN: { trpc: "PRECONDITION_FAILED", http: 412 },
  SCHEMA_CHANGED: { trpc: "PRECONDITION_FAILED", http: 412 },
  /** A value the destination cannot hold as it is (the message names stream, column, row and value): the same data fails the same way. */
  DATA_REJECTED: { trpc: "UNPROCESSABLE_CONTENT", http: 422 },
  SECRET_UNREADABLE: { trpc: "PRECONDITION_FAILED", http: 412 },
  /** An invitation or password link that was used, replaced by a newer one, or expired: the message says which. */
  LINK_UNUSABLE: { trpc: "PRECONDITION_FAILED", http: 410 },
  CONNECTOR_ERROR: { trpc: "BAD_GATEWAY", http: 502 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: TAppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return APP_ERROR_CODES[this.code].http;
  }

  /**
   * Whether trying again later can succeed: server-side trouble (5xx), a rate
   * limit, or a conflict with a concurrent change. Other client errors (bad
   * input, not found, forbidden…) fail the same way every time.
   */
  get retryable(): boolean {
    return this.httpStatus >= 500 || this.code === "RATE_LIMITED" || APP_ERROR_CODES[this.code].trpc === "CONFLICT";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
