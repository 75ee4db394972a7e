import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MlflowConnectionError, MlflowError, mlflowErrorFromResponse } from "mltrack-sdk/mlflow";
import { AppError, describeError, toErrorResponse } from "./errors";

describe("describeError", () => {
  it("maps zod errors to 400 INVALID_PARAMETER_VALUE naming the field", () => {
    const result = z.object({ maxResults: z.number() }).safeParse({ maxResults: "x" });
    expect(describeError(result.error)).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: expect.stringContaining("maxResults"),
    });
  });

  it("takes MLflow errors' status from MLflow's table", () => {
    const exists = mlflowErrorFromResponse(
      400,
      "application/json",
      '{"error_code":"RESOURCE_ALREADY_EXISTS","message":"dup"}',
    );
    expect(describeError(exists)).toMatchObject({ status: 400, code: "RESOURCE_ALREADY_EXISTS", message: "dup" });
    expect(describeError(new MlflowConnectionError({ message: "down" }))).toMatchObject({
      status: 503,
      code: "TEMPORARILY_UNAVAILABLE",
    });
    const unknown = new MlflowError({ errorCode: "BRAND_NEW_CODE", message: "m", httpStatus: 418 });
    expect(describeError(unknown).status).toBe(418);
  });

  it("keeps an AppError's own status and headers", () => {
    const error = new AppError("BAD_REQUEST", "use POST", { status: 405, headers: { allow: "POST" } });
    expect(describeError(error)).toEqual({
      status: 405,
      code: "BAD_REQUEST",
      message: "use POST",
      headers: { allow: "POST" },
    });
  });

  it("hides anything else behind a generic 500", () => {
    const described = describeError(new Error("password=hunter2 in a stack"));
    expect(described).toMatchObject({ status: 500, code: "INTERNAL_ERROR" });
    expect(described.message).not.toContain("hunter2");
  });
});

describe("toErrorResponse", () => {
  it("answers in MLflow's shape for the gateway and in MLTrack's for its API, logging 5xx detail server-side", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const gateway = toErrorResponse(new AppError("ENDPOINT_NOT_FOUND", "nope"), "mlflow", {
      method: "GET",
      path: "/x",
    });
    expect(gateway.status).toBe(404);
    expect(await gateway.json()).toEqual({ error_code: "ENDPOINT_NOT_FOUND", message: "nope" });

    const app = toErrorResponse(new Error("secret detail"), "app", { method: "GET", path: "/api/x" });
    expect(app.status).toBe(500);
    const body = await app.json();
    expect(body).toEqual({ error: { code: "INTERNAL_ERROR", message: expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain("secret detail");
    expect(spy.mock.calls.flat().join(" ")).toContain("secret detail");
    spy.mockRestore();
  });
});
