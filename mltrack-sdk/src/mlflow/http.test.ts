import { describe, expect, it } from "vitest";
import { json, networkError, scriptedFetch } from "../testing/scripted-fetch";
import { MlflowClient } from "./client";
import {
  MlflowBadRequestError,
  MlflowConnectionError,
  MlflowNotFoundError,
  MlflowRateLimitError,
  MlflowResponseError,
  MlflowServerError,
  MlflowTimeoutError,
} from "./errors";
import { backoffDelay, parseRetryAfter, planRetry } from "./http";

const FAST = { baseMs: 1, maxMs: 2 };
const RUN = { info: { run_id: "r1", status: "RUNNING" } };

function client(fetchImpl: typeof fetch, extra: Record<string, unknown> = {}) {
  return new MlflowClient({ trackingUri: "http://mlflow.test", auth: null, fetch: fetchImpl, backoff: FAST, ...extra });
}

describe("retries", () => {
  it("retries a safe endpoint on 5xx until it succeeds", async () => {
    const { fetch, calls } = scriptedFetch(
      json({ error_code: "TEMPORARILY_UNAVAILABLE", message: "busy" }, 503),
      json({ run: RUN }),
    );
    const run = await client(fetch).runs.get({ runId: "r1" });
    expect(run.info.runId).toBe("r1");
    expect(calls).toHaveLength(2);
  });

  it("gives up after maxRetries and throws MLflow's own error", async () => {
    const { fetch, calls } = scriptedFetch(json({ error_code: "INTERNAL_ERROR", message: "db down" }, 500));
    const error = await client(fetch, { maxRetries: 3 })
      .runs.get({ runId: "r1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowServerError);
    expect(error).toMatchObject({ errorCode: "INTERNAL_ERROR", httpStatus: 500, message: "db down" });
    expect(calls).toHaveLength(4);
  });

  it("never retries other 4xx", async () => {
    for (const [status, code, ErrorClass] of [
      [400, "INVALID_PARAMETER_VALUE", MlflowBadRequestError],
      [404, "RESOURCE_DOES_NOT_EXIST", MlflowNotFoundError],
      [409, "RESOURCE_CONFLICT", Error],
      [408, "DEADLINE_EXCEEDED", Error],
    ] as const) {
      const { fetch, calls } = scriptedFetch(json({ error_code: code, message: "no" }, status));
      const error = await client(fetch)
        .runs.get({ runId: "r1" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ errorCode: code, httpStatus: status });
      expect(calls, `HTTP ${status}`).toHaveLength(1);
    }
  });

  it("does not retry 501, which means never rather than not now", async () => {
    const { fetch, calls } = scriptedFetch(json({ error_code: "NOT_IMPLEMENTED", message: "no" }, 501));
    await expect(client(fetch).runs.get({ runId: "r1" })).rejects.toMatchObject({ httpStatus: 501 });
    expect(calls).toHaveLength(1);
  });

  it("retries 429 even on an unsafe endpoint, honouring Retry-After", async () => {
    const { fetch, calls } = scriptedFetch(
      json({ error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }, 429, { "retry-after": "0" }),
      json({ run: RUN }),
    );
    await client(fetch).runs.create({ experimentId: "1" });
    expect(calls).toHaveLength(2);
  });

  it("does not retry an unsafe endpoint on 5xx: the run may exist already", async () => {
    const { fetch, calls } = scriptedFetch(json({ error_code: "INTERNAL_ERROR", message: "oops" }, 500));
    await expect(client(fetch).runs.create({ experimentId: "1" })).rejects.toBeInstanceOf(MlflowServerError);
    expect(calls).toHaveLength(1);
  });

  it("retries an unsafe endpoint only when the connection was never made", async () => {
    const refused = scriptedFetch(networkError("ECONNREFUSED"), json({ run: RUN }));
    await client(refused.fetch).runs.create({ experimentId: "1" });
    expect(refused.calls).toHaveLength(2);

    const reset = scriptedFetch(networkError("ECONNRESET"), json({ run: RUN }));
    await expect(client(reset.fetch).runs.create({ experimentId: "1" })).rejects.toBeInstanceOf(MlflowConnectionError);
    expect(reset.calls).toHaveLength(1);
  });

  it("reports an unreachable server as TEMPORARILY_UNAVAILABLE after its retries", async () => {
    const { fetch, calls } = scriptedFetch(networkError("ECONNREFUSED"));
    const error = await client(fetch)
      .experiments.get({ experimentId: "1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowConnectionError);
    expect(error).toMatchObject({ errorCode: "TEMPORARILY_UNAVAILABLE", httpStatus: 503 });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(calls).toHaveLength(3);
  });

  it("times out each attempt and retries safe endpoints", async () => {
    const hang = (_url: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const { fetch, calls } = scriptedFetch(hang);
    const error = await client(fetch, { timeoutMs: 20, maxRetries: 1 })
      .runs.get({ runId: "r1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowTimeoutError);
    expect(error).toMatchObject({ errorCode: "DEADLINE_EXCEEDED", httpStatus: 504 });
    expect(calls).toHaveLength(2);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    const controller = new AbortController();
    const { fetch, calls } = scriptedFetch((_url, init) => {
      controller.abort(new Error("caller gave up"));
      return Promise.reject(init.signal?.reason);
    });
    await expect(client(fetch).runs.get({ runId: "r1" }, { signal: controller.signal })).rejects.toThrow(
      "caller gave up",
    );
    expect(calls).toHaveLength(1);
  });

  it("fails a Retry-After longer than the client will wait, instead of retrying early", async () => {
    const { fetch, calls } = scriptedFetch(
      json({ error_code: "REQUEST_LIMIT_EXCEEDED", message: "later" }, 429, { "retry-after": "120" }),
    );
    await expect(client(fetch).runs.get({ runId: "r1" })).rejects.toBeInstanceOf(MlflowRateLimitError);
    expect(calls).toHaveLength(1);
  });
});

describe("planRetry", () => {
  const config = { maxRetryAfterMs: 60_000, backoffBaseMs: 500, backoffMaxMs: 8_000 };

  it("backs off exponentially up to the cap, with at most 25% jitter taken off", () => {
    const delays = [0, 1, 2, 3, 4, 5].map((attempt) => planRetry({ status: 503 }, "safe", attempt, config, 0));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(planRetry({ status: 503 }, "safe", 1, config, 1)).toBe(750);
    expect(backoffDelay(2, 500, 8000, 0.5)).toBe(1750);
  });

  it("uses Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-22T12:00:00Z");
    expect(planRetry({ status: 429, retryAfter: "3" }, "unsafe", 0, config, 0, now)).toBe(3000);
    expect(planRetry({ status: 503, retryAfter: "Sun, 22 Nov 2026 12:00:05 GMT" }, "safe", 0, config, 0, now)).toBe(
      5000,
    );
    expect(planRetry({ status: 503, retryAfter: "soon" }, "safe", 0, config, 0, now)).toBe(500);
  });

  it("says no to what must not be retried", () => {
    expect(planRetry({ status: 400 }, "safe", 0, config)).toBeUndefined();
    expect(planRetry({ status: 503 }, "unsafe", 0, config)).toBeUndefined();
    expect(planRetry({}, "unsafe", 0, config)).toBeUndefined();
    expect(planRetry({ notSent: true }, "unsafe", 0, config, 0)).toBe(500);
    expect(planRetry({ timedOut: true }, "safe", 0, config, 0)).toBe(500);
  });

  it("parses Retry-After defensively", () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter("", 0)).toBeUndefined();
    expect(parseRetryAfter("-5", 0)).toBe(0);
    expect(parseRetryAfter("1.5", 0)).toBe(1500);
  });
});

describe("responses", () => {
  it("turns a non-JSON 2xx into an error instead of returning garbage", async () => {
    const { fetch } = scriptedFetch(
      new Response("<html>login</html>", { status: 200, headers: { "content-type": "text/html" } }),
    );
    const error = await client(fetch)
      .runs.get({ runId: "r1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowResponseError);
    expect((error as Error).message).toMatch(/not JSON/);
  });

  it("turns a JSON body of the wrong shape into an error naming the field", async () => {
    const { fetch } = scriptedFetch(json({ run: { info: { run_id: 7 } } }));
    await expect(client(fetch).runs.get({ runId: "r1" })).rejects.toThrow(/runs\.get response.*run\.info\.run_id/);
  });

  it("reads a proxy's HTML error page as an error with its title", async () => {
    const page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    const { fetch } = scriptedFetch(new Response(page, { status: 502, headers: { "content-type": "text/html" } }));
    const error = await client(fetch, { maxRetries: 0 })
      .runs.get({ runId: "r1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowServerError);
    expect(error).toMatchObject({ errorCode: "INTERNAL_ERROR", httpStatus: 502, message: "502 Bad Gateway" });
  });

  it("reads basic-auth's plain-text 401 as UNAUTHENTICATED", async () => {
    const { fetch } = scriptedFetch(
      new Response("You are not authenticated.", { status: 401, headers: { "content-type": "text/plain" } }),
    );
    await expect(client(fetch).runs.get({ runId: "r1" })).rejects.toMatchObject({
      errorCode: "UNAUTHENTICATED",
      httpStatus: 401,
      message: "You are not authenticated.",
    });
  });
});
