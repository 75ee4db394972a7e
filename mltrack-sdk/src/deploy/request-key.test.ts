import { describe, expect, it } from "vitest";
import { parseDeployRequest } from "./events";
import { canonicalJson, requestKey } from "./request-key";

const key = (input: unknown) => requestKey(parseDeployRequest(input));

describe("requestKey", () => {
  it("is the same for the defaults left out or spelled out, in any key order", () => {
    const a = key({ target: "local", modelName: "iris", modelVersion: "1" });
    const b = key({
      config: { startupTimeoutSeconds: 120, timeoutSeconds: 60 },
      modelVersion: "1",
      modelName: "iris",
      target: "local",
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("differs when the target, model, version or config differs", () => {
    const base = { target: "local", modelName: "iris", modelVersion: "1" };
    const keys = new Set([
      key(base),
      key({ ...base, modelVersion: "2" }),
      key({ ...base, modelName: "iris2" }),
      key({ ...base, config: { timeoutSeconds: 61 } }),
      key({ ...base, target: "modal" }),
    ]);
    expect(keys.size).toBe(5);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
