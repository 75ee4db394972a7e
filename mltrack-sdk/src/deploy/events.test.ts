import { describe, expect, it } from "vitest";
import { DeployError } from "./errors";
import { MAX_ERROR_MESSAGE, MAX_EVENTS, appendEvent, parseDeployRequest, toDeploymentError } from "./events";
import type { DeploymentEvent } from "./types";

const event = (i: number): DeploymentEvent => ({ status: "starting", at: i, message: `step ${i}` });

describe("appendEvent", () => {
  it("keeps the newest events, oldest first, within the bound", () => {
    let events: DeploymentEvent[] = [];
    for (let i = 0; i < MAX_EVENTS + 25; i++) events = appendEvent(events, event(i));
    expect(events).toHaveLength(MAX_EVENTS);
    expect(events[0]?.message).toBe("step 25");
    expect(events.at(-1)?.message).toBe(`step ${MAX_EVENTS + 24}`);
  });

  it("does not change the list it is given and shortens very long messages", () => {
    const before = [event(1)];
    const after = appendEvent(before, { status: "failed", at: 2, message: "x".repeat(10_000) });
    expect(before).toHaveLength(1);
    expect(after[1]?.message.length).toBeLessThan(2_001);
  });
});

describe("parseDeployRequest", () => {
  it("fills in the target's defaults", () => {
    expect(parseDeployRequest({ target: "local", modelName: "iris", modelVersion: "3" })).toEqual({
      target: "local",
      modelName: "iris",
      modelVersion: "3",
      config: { timeoutSeconds: 60, startupTimeoutSeconds: 120 },
    });
  });

  it("names every bad field in the message and in fields", () => {
    let error: unknown;
    try {
      parseDeployRequest({
        target: "local",
        modelName: "iris",
        modelVersion: "three",
        config: { timeoutSeconds: 0, startupTimeoutSeconds: "soon", port: 80 },
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DeployError);
    const e = error as DeployError;
    expect(e.code).toBe("INVALID_PARAMETER_VALUE");
    expect(Object.keys(e.fields ?? {}).sort()).toEqual([
      "config.port",
      "config.startupTimeoutSeconds",
      "config.timeoutSeconds",
      "modelVersion",
    ]);
    for (const field of Object.keys(e.fields ?? {})) expect(e.message).toContain(field);
    expect(e.fields?.["config.port"]).toBe("Unknown field");
  });

  it("refuses an unknown target and a SageMaker config without its required fields", () => {
    expect(() => parseDeployRequest({ target: "heroku", modelName: "m", modelVersion: "1" })).toThrow(/target/);
    try {
      parseDeployRequest({ target: "sagemaker", modelName: "m", modelVersion: "1", config: { region: "us-east-1" } });
      expect.unreachable();
    } catch (err) {
      expect(Object.keys((err as DeployError).fields ?? {})).toEqual(
        expect.arrayContaining(["config.executionRoleArn", "config.imageUri"]),
      );
    }
  });
});

describe("toDeploymentError", () => {
  it("keeps the message verbatim with the DeployError's hint, and the end of a very long one", () => {
    expect(toDeploymentError(new DeployError("INTERNAL_ERROR", "boom\nline 2", { hint: "do this" }))).toEqual({
      message: "boom\nline 2",
      hint: "do this",
    });
    const long = toDeploymentError(new Error(`${"a".repeat(20_000)}THE END`));
    expect(long.message.length).toBe(MAX_ERROR_MESSAGE);
    expect(long.message.endsWith("THE END")).toBe(true);
    expect(long).not.toHaveProperty("hint");
  });
});
