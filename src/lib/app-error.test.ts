/**
 * AppError codes map to HTTP statuses and say whether a retry can help; the
 * worker fails jobs for good on the ones that cannot.
 */
import { describe, expect, it } from "vitest";
import { AppError, APP_ERROR_CODES, type TAppErrorCode } from "@/lib/app-error";

describe("AppError", () => {
  it("maps every code to a 4xx or 5xx status", () => {
    for (const code of Object.keys(APP_ERROR_CODES) as TAppErrorCode[]) {
      const status = new AppError(code, "x").httpStatus;
      expect(status >= 400 && status < 600, `${code} → ${status}`).toBe(true);
    }
  });

  it("is retryable for server trouble, rate limits and conflicts only", () => {
    const retryable = (Object.keys(APP_ERROR_CODES) as TAppErrorCode[]).filter((c) => new AppError(c, "x").retryable);
    expect(retryable.sort()).toEqual(["CONFLICT", "CONNECTOR_ERROR", "RATE_LIMITED", "UNAVAILABLE", "USER_EXISTS"]);
  });
});
