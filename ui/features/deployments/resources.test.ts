import type { Deployment } from "mltrack-sdk/deploy-config";
import { describe, expect, it } from "vitest";
import { cloudWatchLogsUrl, resourcesOf, sagemakerEndpointName, variantsOf } from "./resources";
import { formatElapsed, pollIntervalOf } from "./status";

const record = (over: Partial<Deployment>): Deployment => ({
  id: "d-0123456789ab",
  target: "sagemaker",
  modelName: "iris",
  modelVersion: "1",
  config: {},
  status: "ready",
  endpointUrl: null,
  createdAt: 0,
  updatedAt: 0,
  requestedBy: "local",
  lastError: null,
  events: [],
  requestKey: "k",
  runtime: {},
  ...over,
});

describe("resources", () => {
  it("lists every SageMaker resource the deployment created", () => {
    const d = record({
      runtime: {
        region: "us-east-1",
        bucket: "b-1",
        endpointName: "e-1",
        created: { endpoint: "e-1", endpointConfigs: ["c-1"], models: ["m-1", "m-2"], objects: ["p/model.tar.gz"] },
      },
    });
    expect(resourcesOf(d)).toEqual([
      { label: "Endpoint", value: "e-1" },
      { label: "Endpoint config", value: "c-1" },
      { label: "Model", value: "m-1" },
      { label: "Model", value: "m-2" },
      { label: "S3 object", value: "s3://b-1/p/model.tar.gz" },
    ]);
    expect(sagemakerEndpointName(d)).toBe("e-1");
    expect(sagemakerEndpointName(record({ config: { endpointName: "from-config" } }))).toBe("from-config");
  });

  it("lists a local deployment's process and port, leaving nested values out", () => {
    const d = record({ target: "local", runtime: { pid: 42, port: 5123, nested: { a: 1 } } });
    expect(resourcesOf(d)).toEqual([
      { label: "Scoring server process id", value: "42" },
      { label: "Loopback port", value: "5123" },
    ]);
  });

  it("links a SageMaker endpoint's CloudWatch log group, and nothing elsewhere", () => {
    const d = record({ config: { region: "eu-west-1" }, runtime: { endpointName: "mltrack-iris-d-1" } });
    expect(cloudWatchLogsUrl(d)).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fmltrack-iris-d-1",
    );
    expect(cloudWatchLogsUrl({ ...d, target: "local" })).toBeNull();
    expect(cloudWatchLogsUrl(record({ config: { region: "x/../y" }, runtime: { endpointName: "e" } }))).toBeNull();
  });

  it("reads the production variants and their weights", () => {
    const d = record({
      runtime: {
        variants: [
          { variantName: "version-1", modelVersion: "1", modelName: "m", key: "k", weight: 0.9 },
          { variantName: "version-2", modelVersion: "2", modelName: "m", key: "k", weight: 0.1 },
        ],
      },
    });
    expect(variantsOf(d)).toEqual([
      { variantName: "version-1", modelVersion: "1", weight: 0.9 },
      { variantName: "version-2", modelVersion: "2", weight: 0.1 },
    ]);
    expect(variantsOf(record({}))).toEqual([]);
  });
});

describe("status", () => {
  it("polls every second while the engine works, rarely when ready, never when final", () => {
    expect(pollIntervalOf("pending")).toBe(1000);
    expect(pollIntervalOf("stopping")).toBe(1000);
    expect(pollIntervalOf("ready")).toBe(15_000);
    expect(pollIntervalOf("failed")).toBe(false);
    expect(pollIntervalOf("stopped")).toBe(false);
  });

  it("formats elapsed time", () => {
    expect(formatElapsed(3200)).toBe("3.2 s");
    expect(formatElapsed(245_000)).toBe("4 min 05 s");
    expect(formatElapsed(7_800_000)).toBe("2 h 10 min");
  });
});
