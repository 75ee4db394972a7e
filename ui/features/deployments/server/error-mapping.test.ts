import { DeployError } from "mltrack-sdk/deploy-config";
import { describe, expect, it } from "vitest";
import { toErrorResponse } from "@/lib/http/errors";

const request = { method: "POST", path: "/api/deployments" };

describe("DeployError in the one error mapping", () => {
  it("takes its status from its code and carries the field errors and the hint", async () => {
    const res = toErrorResponse(
      new DeployError("INVALID_PARAMETER_VALUE", "Invalid deploy request: config.region: An AWS region", {
        hint: "Correct the fields.",
        fields: { "config.region": "An AWS region such as us-east-1" },
      }),
      "app",
      request,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "INVALID_PARAMETER_VALUE",
        message: "Invalid deploy request: config.region: An AWS region",
        hint: "Correct the fields.",
        fields: { "config.region": "An AWS region such as us-east-1" },
      },
    });
  });

  it.each([
    ["RESOURCE_DOES_NOT_EXIST", 404],
    ["RESOURCE_CONFLICT", 409],
    ["UNAUTHENTICATED", 401],
    ["PERMISSION_DENIED", 403],
    ["INTERNAL_ERROR", 500],
  ] as const)("%s is HTTP %i, its message verbatim", async (code, status) => {
    const res = toErrorResponse(new DeployError(code, "Deployment d-0123456789ab is stopped"), "app", request);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { message: string; hint?: string } };
    expect(body.error.message).toBe("Deployment d-0123456789ab is stopped");
    expect(body.error).not.toHaveProperty("hint");
  });
});
