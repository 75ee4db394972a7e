import { describe, expect, it } from "vitest";
import {
  descriptionFirstLine,
  isHiddenRegistryTag,
  isPrompt,
  registryTagKeyProblem,
  visibleRegistryTags,
} from "./registry-tags";

describe("isPrompt", () => {
  it("follows MLflow's rule: the prompt tag, case-insensitively true", () => {
    expect(isPrompt({ "mlflow.prompt.is_prompt": "true" })).toBe(true);
    expect(isPrompt({ "mlflow.prompt.is_prompt": "True" })).toBe(true);
    expect(isPrompt({ "mlflow.prompt.is_prompt": "false" })).toBe(false);
    expect(isPrompt({})).toBe(false);
    expect(isPrompt({ team: "true" })).toBe(false);
  });
});

describe("visibleRegistryTags", () => {
  it("leaves deployment records out and sorts by key", () => {
    expect(
      visibleRegistryTags({
        "mltrack.deployment.d-0123456789ab": '{"id":"d-0123456789ab"}',
        team: "fraud",
        "mlflow.prompt.is_prompt": "false",
        owner: "ana",
      }),
    ).toEqual([
      { key: "mlflow.prompt.is_prompt", value: "false" },
      { key: "owner", value: "ana" },
      { key: "team", value: "fraud" },
    ]);
    expect(isHiddenRegistryTag("mltrack.deployment.x")).toBe(true);
    expect(isHiddenRegistryTag("mltrack.deployments")).toBe(false);
  });
});

describe("registryTagKeyProblem", () => {
  it("refuses MLflow's reserved keys, deployment records and keys MLflow rejects", () => {
    expect(registryTagKeyProblem("team")).toBeUndefined();
    expect(registryTagKeyProblem("")).toMatch(/Enter a key/);
    expect(registryTagKeyProblem("mlflow.prompt.is_prompt")).toMatch(/reserved/);
    expect(registryTagKeyProblem("mltrack.deployment.d-0123456789ab")).toMatch(/deployment records/);
    expect(registryTagKeyProblem("a;b")).toMatch(/may only contain/);
    expect(registryTagKeyProblem("../x")).toMatch(/must not/);
    expect(registryTagKeyProblem("k".repeat(251))).toMatch(/at most 250/);
  });
});

describe("descriptionFirstLine", () => {
  it("keeps the first line as text, at most 200 characters", () => {
    expect(descriptionFirstLine("\n# Churn model\n\nSecond paragraph")).toBe("# Churn model");
    expect(descriptionFirstLine("x".repeat(300))).toHaveLength(200);
    expect(descriptionFirstLine("")).toBe("");
  });
});
