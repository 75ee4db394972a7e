import { describe, expect, it } from "vitest";
import { errorCodeForHttpStatus, httpStatusForErrorCode } from "./error-codes";
import { MlflowError, MlflowNotFoundError, MlflowPermissionDeniedError, mlflowErrorFromResponse } from "./errors";

describe("mlflowErrorFromResponse", () => {
  it("keeps MLflow's error_code and message from a JSON body", () => {
    const error = mlflowErrorFromResponse(
      404,
      "application/json",
      '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run x not found"}',
    );
    expect(error).toBeInstanceOf(MlflowNotFoundError);
    expect(error).toBeInstanceOf(MlflowError);
    expect(error).toBeInstanceOf(Error);
    expect(error.toJSON()).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Run x not found" });
    expect(error.stack).toBeTruthy();
  });

  it("derives a code from the status for text, HTML and empty bodies", () => {
    expect(mlflowErrorFromResponse(403, "text/plain", "Permission denied")).toMatchObject({
      errorCode: "PERMISSION_DENIED",
      message: "Permission denied",
    });
    expect(mlflowErrorFromResponse(403, "text/plain", "x")).toBeInstanceOf(MlflowPermissionDeniedError);
    expect(mlflowErrorFromResponse(404, "text/html", "<!doctype html><title>404 Not Found</title>")).toMatchObject({
      errorCode: "ENDPOINT_NOT_FOUND",
      message: "404 Not Found",
    });
    expect(mlflowErrorFromResponse(500, null, "")).toMatchObject({ errorCode: "INTERNAL_ERROR", message: "HTTP 500" });
    expect(mlflowErrorFromResponse(418, "application/json", "{not json")).toMatchObject({
      errorCode: "BAD_REQUEST",
      httpStatus: 418,
    });
  });

  it("maps codes to MLflow's statuses: RESOURCE_ALREADY_EXISTS is a 400", () => {
    expect(httpStatusForErrorCode("RESOURCE_ALREADY_EXISTS")).toBe(400);
    expect(httpStatusForErrorCode("RESOURCE_DOES_NOT_EXIST")).toBe(404);
    expect(httpStatusForErrorCode("TEMPORARILY_UNAVAILABLE")).toBe(503);
    expect(httpStatusForErrorCode("SOMETHING_NEW")).toBe(500);
    expect(httpStatusForErrorCode("SOMETHING_NEW", 418)).toBe(418);
    expect(errorCodeForHttpStatus(404)).toBe("ENDPOINT_NOT_FOUND");
    expect(errorCodeForHttpStatus(502)).toBe("INTERNAL_ERROR");
    expect(errorCodeForHttpStatus(405)).toBe("BAD_REQUEST");
  });
});
