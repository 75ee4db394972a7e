import { describe, expect, it } from "vitest";
import {
  SAGEMAKER_NAME,
  endpointConfigNameFor,
  endpointNameFor,
  modelResourceName,
  tarballKey,
  toTagValue,
  variantNameFor,
} from "./sagemaker-names";

describe("SageMaker names", () => {
  it("derives endpoint names that match SageMaker's pattern from any registered-model name", () => {
    for (const model of ["iris", "My_Model v2 (prod)", "___", "ünïcødé-модель", "a".repeat(200), "x--y__z"]) {
      const name = endpointNameFor(model, "d-0123456789ab");
      expect(name).toMatch(SAGEMAKER_NAME);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name.endsWith("-d-0123456789ab")).toBe(true);
    }
    expect(endpointNameFor("My_Model", "d-0123456789ab")).toBe("mltrack-my-model-d-0123456789ab");
    expect(endpointNameFor("___", "d-0123456789ab")).toBe("mltrack-model-d-0123456789ab");
  });

  it("keeps a configured endpoint name as given", () => {
    expect(endpointNameFor("iris", "d-0123456789ab", "Prod-Iris")).toBe("Prod-Iris");
  });

  it("fits model and config names in 63 characters with their unique suffix, no underscores", () => {
    const endpoint = "e".repeat(63);
    const model = modelResourceName(endpoint, "12", "abcd1234");
    expect(model).toBe(`${"e".repeat(63 - 13)}-v12-abcd1234`);
    expect(model).toMatch(SAGEMAKER_NAME);
    expect(endpointConfigNameFor(endpoint, "abcd1234")).toMatch(SAGEMAKER_NAME);
    expect(endpointConfigNameFor("a-", "abcd1234")).toBe("a-config-abcd1234");
    expect(modelResourceName("iris", "1")).toMatch(/^iris-v1-[0-9a-f]{8}$/);
    expect(modelResourceName("iris", "1")).not.toBe(modelResourceName("iris", "1"));
    expect(variantNameFor("3")).toBe("version-3");
    expect(tarballKey("iris-v1-abcd1234")).toBe("iris-v1-abcd1234/model.tar.gz");
  });

  it("makes tag values of AWS's allowed characters", () => {
    expect(toTagValue("my model/v1:prod")).toBe("my model/v1:prod");
    expect(toTagValue("a*b?c")).toBe("a-b-c");
    expect(toTagValue("x".repeat(300))).toHaveLength(256);
  });
});
