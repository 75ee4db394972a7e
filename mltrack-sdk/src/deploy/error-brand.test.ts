/**
 * Next bundles a package once per server layer, so an error can come from another copy of its
 * module: `instanceof DeployError` and `instanceof MlflowError` must still hold for it.
 */
import { describe, expect, it } from "vitest";
import type * as mlflowErrors from "../mlflow/errors";
import { MlflowError, MlflowNotFoundError } from "../mlflow/errors";
import type * as deployErrors from "./errors";
import { DeployError } from "./errors";

describe("error classes across module copies", () => {
  it("recognise an error from another copy of their module", async () => {
    // A query suffix makes Vite evaluate the file again: a second copy, with its own classes.
    const deployCopy = (await import(/* @vite-ignore */ `${"./errors"}?copy`)) as typeof deployErrors;
    const mlflowCopy = (await import(/* @vite-ignore */ `${"../mlflow/errors"}?copy`)) as typeof mlflowErrors;
    expect(deployCopy.DeployError).not.toBe(DeployError);
    expect(mlflowCopy.MlflowError).not.toBe(MlflowError);

    const deployError = new deployCopy.DeployError("RESOURCE_DOES_NOT_EXIST", "No deployment.");
    expect(deployError instanceof DeployError).toBe(true);
    const notFound = new mlflowCopy.MlflowNotFoundError({
      errorCode: "RESOURCE_DOES_NOT_EXIST",
      message: "m",
      httpStatus: 404,
    });
    expect(notFound instanceof MlflowError).toBe(true);
  });

  it("still tell other errors apart", () => {
    expect(new Error("x") instanceof DeployError).toBe(false);
    expect({ name: "DeployError", code: "INTERNAL_ERROR" } instanceof DeployError).toBe(false);
    expect(new DeployError("INTERNAL_ERROR", "x") instanceof MlflowError).toBe(false);
    const plain = new MlflowError({ errorCode: "INTERNAL_ERROR", message: "m", httpStatus: 500 });
    expect(plain instanceof MlflowError).toBe(true);
    // Subclasses keep the ordinary prototype check.
    expect(plain instanceof MlflowNotFoundError).toBe(false);
    expect(
      new MlflowNotFoundError({ errorCode: "RESOURCE_DOES_NOT_EXIST", message: "m", httpStatus: 404 }) instanceof
        MlflowNotFoundError,
    ).toBe(true);
  });
});
