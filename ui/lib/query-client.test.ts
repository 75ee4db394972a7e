import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { shouldRetry } from "./query-client";

describe("query retries", () => {
  it("retry what may pass on a second try: a network failure, a 500, a 502", () => {
    expect(shouldRetry(new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetry(new ApiError("INTERNAL_ERROR", "boom", 500))).toBe(true);
    expect(shouldRetry(new ApiError("BAD_GATEWAY", "bad", 502))).toBe(true);
  });

  it("do not retry a 4xx, or a 503 (MLflow unreachable: the server already retried)", () => {
    expect(shouldRetry(new ApiError("RESOURCE_DOES_NOT_EXIST", "gone", 404))).toBe(false);
    expect(shouldRetry(new ApiError("INVALID_PARAMETER_VALUE", "bad", 400))).toBe(false);
    expect(shouldRetry(new ApiError("TEMPORARILY_UNAVAILABLE", "Could not reach MLflow", 503))).toBe(false);
  });
});
