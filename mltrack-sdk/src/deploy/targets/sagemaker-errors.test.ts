import { describe, expect, it } from "vitest";
import { DeployError } from "../errors";
import { failureHint, isNotFound, toDeployError } from "./sagemaker-errors";

/** The shape the AWS SDK v3 gives a service error (ValidationException is not a modeled class). */
const awsError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: status } });

describe("toDeployError", () => {
  it("keeps SageMaker's ValidationException text verbatim and tells the cases apart by message", () => {
    const type = toDeployError(
      awsError("ValidationException", "Value 'ml.zz9.huge' at 'instanceType' failed to satisfy constraint"),
    );
    expect(type).toBeInstanceOf(DeployError);
    expect(type).toMatchObject({
      code: "INVALID_PARAMETER_VALUE",
      message: "Value 'ml.zz9.huge' at 'instanceType' failed to satisfy constraint",
    });
    expect(type.hint).toMatch(/another instance type/);
    expect(toDeployError(awsError("ValidationException", 'Cannot create already existing endpoint "x".')).code).toBe(
      "RESOURCE_CONFLICT",
    );
    expect(toDeployError(awsError("ValidationException", 'Could not find model "m".')).code).toBe(
      "RESOURCE_DOES_NOT_EXIST",
    );
    expect(toDeployError(awsError("ValidationException", "Could not assume role arn:aws:iam::1:role/r")).hint).toMatch(
      /iam:PassRole/,
    );
  });

  it("maps quotas, conflicts, credentials and permissions, each with a hint", () => {
    const quota = toDeployError(
      awsError(
        "ResourceLimitExceeded",
        "The account-level service limit 'ml.m4.xlarge for endpoint usage' is 0 Instances",
      ),
    );
    expect(quota).toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    expect(quota.message).toBe("The account-level service limit 'ml.m4.xlarge for endpoint usage' is 0 Instances");
    expect(quota.hint).toMatch(/Service Quotas/);
    expect(toDeployError(awsError("ResourceInUse", "busy")).code).toBe("RESOURCE_CONFLICT");
    expect(
      toDeployError(awsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403))
        .code,
    ).toBe("UNAUTHENTICATED");
    expect(
      toDeployError(awsError("CredentialsProviderError", "Could not load credentials from any providers")).hint,
    ).toMatch(/AWS_ACCESS_KEY_ID/);
    expect(toDeployError(awsError("AccessDeniedException", "not authorized to perform: iam:PassRole", 403)).code).toBe(
      "PERMISSION_DENIED",
    );
    const unreachable = toDeployError(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      "http://127.0.0.1:1",
    );
    expect(unreachable.hint).toContain("http://127.0.0.1:1");
    const other = toDeployError(awsError("ThrottlingException", "Rate exceeded"));
    expect(other).toMatchObject({ code: "INTERNAL_ERROR", message: "ThrottlingException: Rate exceeded" });
  });

  it("passes a DeployError through", () => {
    const err = new DeployError("RESOURCE_CONFLICT", "taken");
    expect(toDeployError(err)).toBe(err);
  });
});

describe("isNotFound and failureHint", () => {
  it("treats SageMaker's 'Could not find' and S3's missing key or bucket as gone", () => {
    expect(
      isNotFound(
        awsError("ValidationException", "Could not find endpoint 'arn:aws:sagemaker:us-east-1:1:endpoint/x'."),
      ),
    ).toBe(true);
    expect(isNotFound(awsError("ValidationException", "Value 'x' at 'instanceType' failed"))).toBe(false);
    expect(isNotFound(awsError("NoSuchBucket", "The specified bucket does not exist", 404))).toBe(true);
  });

  it("always names the endpoint's log group, and the cause when it recognises it", () => {
    const ping = failureHint(
      "iris",
      "The primary container for production variant version-1 did not pass the ping health check. Please check CloudWatch logs for this endpoint.",
    );
    expect(ping).toContain("/aws/sagemaker/Endpoints/iris");
    expect(failureHint("iris", "Could not install packages: pip timed out")).toMatch(/NAT/);
    expect(failureHint("iris", "Unsupported manifest media type")).toMatch(/rebuild/);
    expect(failureHint("iris", "")).toBe("Container logs: CloudWatch log group /aws/sagemaker/Endpoints/iris.");
  });
});
