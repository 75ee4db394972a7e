import { describe, expect, it } from "vitest";
import { PRICED_INSTANCE_TYPES, hourlyCostHint } from "./sagemaker-pricing";

describe("hourlyCostHint", () => {
  it("multiplies the listed on-demand rate by the instance count", () => {
    expect(hourlyCostHint("ml.m5.large", 1)).toMatchObject({ perInstance: 0.115, hourly: 0.115, region: "us-east-1" });
    expect(hourlyCostHint("ml.m5.large", 3)).toMatchObject({ hourly: 0.345, monthly: 252 });
    expect(hourlyCostHint("ml.m5.large", 1)?.source).toMatch(/^https:\/\/aws\.amazon\.com\/sagemaker\/pricing/);
  });

  it("gives no figure for an unlisted type or a bad count, never a guess", () => {
    expect(hourlyCostHint("ml.zz9.huge", 1)).toBeUndefined();
    expect(hourlyCostHint("ml.m5.large", 0)).toBeUndefined();
    expect(hourlyCostHint("ml.m5.large", 1.5)).toBeUndefined();
  });

  it("lists only real-time SageMaker instance types", () => {
    for (const type of PRICED_INSTANCE_TYPES) expect(type).toMatch(/^ml\.[a-z0-9]+\.[a-z0-9]+$/);
  });
});
