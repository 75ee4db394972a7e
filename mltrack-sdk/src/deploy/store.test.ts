import { describe, expect, it } from "vitest";
import { deploymentTagKey, newestFirst, parseDeploymentTags } from "./store";
import type { Deployment } from "./types";

const record = (id: string, extra: Partial<Deployment> = {}): Deployment => ({
  id,
  target: "local",
  modelName: "iris",
  modelVersion: "1",
  config: { timeoutSeconds: 60, startupTimeoutSeconds: 120 },
  status: "ready",
  endpointUrl: "http://127.0.0.1:5123",
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_500,
  requestedBy: "ana",
  lastError: null,
  events: [{ status: "pending", at: 1_700_000_000_000, message: "asked" }],
  requestKey: "k",
  runtime: { pid: 42, port: 5123 },
  ...extra,
});

describe("parseDeploymentTags", () => {
  it("reads valid records and skips every other tag quietly", () => {
    const warnings: string[] = [];
    const good = record("d-0123456789ab");
    const parsed = parseDeploymentTags(
      "iris",
      { [deploymentTagKey(good.id)]: JSON.stringify(good), owner: "ana", "mltrack.deploymentx": "{}" },
      (w) => warnings.push(w),
    );
    expect(parsed).toEqual([good]);
    expect(warnings).toEqual([]);
  });

  it("skips unparsable, invalid and misplaced records with a warning each", () => {
    const warnings: string[] = [];
    const elsewhere = record("d-00000000000b", { modelName: "other" });
    const parsed = parseDeploymentTags(
      "iris",
      {
        [deploymentTagKey("d-00000000000a")]: "{not json",
        [deploymentTagKey("d-00000000000c")]: JSON.stringify({ ...record("d-00000000000c"), status: "exploded" }),
        [deploymentTagKey(elsewhere.id)]: JSON.stringify(elsewhere),
        [deploymentTagKey("d-00000000000d")]: JSON.stringify(record("d-00000000000e")),
      },
      (w) => warnings.push(w),
    );
    expect(parsed).toEqual([]);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/d-00000000000a.*not JSON/);
    expect(warnings[1]).toMatch(/status/);
    expect(warnings[2]).toMatch(/"other"/);
    expect(warnings[3]).toMatch(/holds deployment d-00000000000e/);
  });
});

describe("newestFirst", () => {
  it("orders by creation time, newest first", () => {
    const list = [
      record("d-00000000000a", { createdAt: 1 }),
      record("d-00000000000b", { createdAt: 3 }),
      record("d-00000000000c", { createdAt: 2 }),
    ];
    expect(list.sort(newestFirst).map((d) => d.id)).toEqual(["d-00000000000b", "d-00000000000c", "d-00000000000a"]);
  });
});
