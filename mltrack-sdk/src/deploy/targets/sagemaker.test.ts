/**
 * The SageMaker target's status handling, UpdateEndpoint (canary) call order and rollback detection,
 * against a STATUS-SEQUENCE FAKE of the SageMaker control plane. This is deliberately a fake:
 * moto 5.2 (the real stand-in, used by tests/integration/deploy-sagemaker.test.ts) puts endpoints
 * InService at once, never fails them and lacks UpdateEndpoint, so it cannot show Creating/Updating/
 * RollingBack/Failed or a rollback (deploy-targets.md §3 allows a labelled fake for exactly this).
 * The fake records every command and answers DescribeEndpoint from a scripted list of statuses; its
 * S3 and STS halves only record. Nothing here claims SageMaker behaves like it beyond those statuses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DescribeEndpointCommandOutput, SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import type { STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DeployError } from "../errors";
import { SageMakerConfig, type Deployment, type DeploymentStatus, type TargetContext } from "../types";
import { createSageMakerTarget } from "./sagemaker";
import { SageMakerRuntime, emptyRuntime, snapshot } from "./sagemaker-runtime";

const scratch = mkdtempSync(path.join(tmpdir(), "mltrack-sagemaker-fake-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const modelDir = (version: string) => {
  const dir = path.join(scratch, `model-${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "MLmodel"), `flavors: {}\n# version ${version}\n`);
  return dir;
};

type Described = Partial<DescribeEndpointCommandOutput>;
type Step = Described | "gone" | ((fake: FakeAws) => Described | "gone");

const notFound = (what: string) =>
  Object.assign(new Error(`Could not find ${what}.`), {
    name: "ValidationException",
    $metadata: { httpStatusCode: 400 },
  });

/** THE FAKE: records commands; DescribeEndpoint answers the next scripted step (the last one repeats). */
class FakeAws {
  /** Each command, with the runtime the target had recorded (through ctx.update) when it was sent. */
  readonly calls: { op: string; input: Record<string, unknown>; recorded: SageMakerRuntime | undefined }[] = [];
  script: Step[] = [];
  lastRuntime: SageMakerRuntime | undefined;
  failOn = new Map<string, Error>();

  private client(service: string) {
    return {
      send: async (command: { input: Record<string, unknown>; constructor: { name: string } }) => {
        const op = command.constructor.name.replace(/Command$/, "");
        this.calls.push({ op, input: command.input, recorded: this.lastRuntime });
        const failure = this.failOn.get(op);
        if (failure) throw failure;
        if (op === "GetCallerIdentity") return { Account: "123456789012" };
        if (op === "DescribeEndpoint") {
          const step = this.script.length > 1 ? this.script.shift() : this.script[0];
          const answer = typeof step === "function" ? step(this) : step;
          if (!answer || answer === "gone") throw notFound(`endpoint '${String(command.input.EndpointName)}'`);
          return { EndpointName: command.input.EndpointName, ...answer };
        }
        return { service };
      },
    };
  }

  readonly clients = {
    sagemaker: this.client("sagemaker") as unknown as SageMakerClient,
    s3: this.client("s3") as unknown as S3Client,
    sts: this.client("sts") as unknown as STSClient,
    runtime: this.client("runtime") as unknown as SageMakerRuntimeClient,
  };

  ops = (): string[] => this.calls.map((c) => c.op);
  inputOf = (op: string, nth = 0) => this.calls.filter((c) => c.op === op)[nth]?.input ?? {};
  lastConfigCreated = (): string =>
    String(this.calls.filter((c) => c.op === "CreateEndpointConfig").at(-1)?.input.EndpointConfigName);
}

const config = SageMakerConfig.parse({
  region: "us-east-1",
  executionRoleArn: "arn:aws:iam::123456789012:role/sm",
  imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mlflow-pyfunc:3.18.0",
});

function deploymentOf(runtime: Record<string, unknown> = {}): Deployment {
  return {
    id: "d-0123456789ab",
    target: "sagemaker",
    modelName: "iris",
    modelVersion: "1",
    config: config as unknown as Record<string, unknown>,
    status: "ready",
    endpointUrl: null,
    createdAt: 0,
    updatedAt: 0,
    requestedBy: "test",
    lastError: null,
    events: [],
    requestKey: "k",
    runtime,
  };
}

let fake: FakeAws;
let events: { status: DeploymentStatus | undefined; message: string }[];

function context(): TargetContext {
  return {
    workDir: path.join(scratch, "work"),
    signal: new AbortController().signal,
    modelDir: async () => modelDir("1"),
    modelDirFor: async (version) => modelDir(version),
    update: async (change) => {
      events.push({ status: change.status, message: change.message });
      if (change.runtime) fake.lastRuntime = SageMakerRuntime.parse(change.runtime);
    },
  };
}

const target = () => createSageMakerTarget({ clients: () => fake.clients, pollIntervalMs: 1, timeoutMs: 60_000 });

beforeEach(() => {
  fake = new FakeAws();
  events = [];
});

describe("start (status-sequence fake)", () => {
  it("reports each distinct EndpointStatus, maps Creating to starting, and records each name before creating it", async () => {
    fake.script = [
      "gone",
      { EndpointStatus: "Creating" },
      { EndpointStatus: "Creating" },
      { EndpointStatus: "InService" },
    ];
    await target().start(deploymentOf(), config, context());

    expect(fake.ops()).toEqual([
      "GetCallerIdentity",
      "DescribeEndpoint", // name free?
      "HeadBucket",
      "PutObject",
      "CreateModel",
      "CreateEndpointConfig",
      "CreateEndpoint",
      "DescribeEndpoint",
      "DescribeEndpoint",
      "DescribeEndpoint",
    ]);
    const endpointName = "mltrack-iris-d-0123456789ab";
    const statusEvents = events.filter((e) => e.message.startsWith(`Endpoint ${endpointName}:`));
    expect(statusEvents).toEqual([
      { status: "starting", message: `Endpoint ${endpointName}: Creating` },
      { status: "ready", message: `Endpoint ${endpointName}: InService` },
    ]);
    expect(events[0]?.status).toBe("building");
    expect(events.at(-1)).toEqual({ status: "ready", message: `Endpoint ${endpointName} is InService` });

    // Each resource was in the recorded runtime BEFORE the call creating it was sent.
    const at = (op: string) => fake.calls.find((c) => c.op === op)!.recorded!;
    const key = String(fake.inputOf("PutObject").Key);
    expect(at("PutObject").created.objects).toContain(key);
    expect(at("CreateModel").created.models).toContain(fake.inputOf("CreateModel").ModelName);
    expect(at("CreateEndpointConfig").created.endpointConfigs).toContain(
      fake.inputOf("CreateEndpointConfig").EndpointConfigName,
    );
    expect(at("CreateEndpoint").created.endpoint).toBe(endpointName);
    expect(fake.inputOf("PutObject")).toMatchObject({
      Bucket: "mlflow-sagemaker-us-east-1-123456789012",
      Tagging: "SageMaker=true",
    });
    expect(fake.inputOf("CreateModel")).toMatchObject({
      PrimaryContainer: { ModelDataUrl: `s3://mlflow-sagemaker-us-east-1-123456789012/${key}` },
    });
  });

  it("a Failed endpoint: FailureReason verbatim, the log group in the hint, and everything created removed", async () => {
    const reason =
      "The primary container for production variant version-1 did not pass the ping health check. Please check CloudWatch logs for this endpoint.";
    fake.script = [
      "gone",
      { EndpointStatus: "Creating" },
      (f) => ({ EndpointStatus: "Failed", FailureReason: reason, EndpointConfigName: f.lastConfigCreated() }),
      (f) => ({ EndpointStatus: "Failed", FailureReason: reason, EndpointConfigName: f.lastConfigCreated() }), // teardown's ownership check
      { EndpointStatus: "Deleting" },
      "gone",
    ];
    const err = await target()
      .start(deploymentOf(), config, context())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect(err).toMatchObject({ code: "INTERNAL_ERROR", message: reason });
    expect((err as DeployError).hint).toContain("/aws/sagemaker/Endpoints/mltrack-iris-d-0123456789ab");
    expect(fake.ops().slice(fake.ops().indexOf("CreateEndpoint") + 1)).toEqual([
      "DescribeEndpoint", // Creating
      "DescribeEndpoint", // Failed
      "DescribeEndpoint", // teardown: serves our config?
      "DeleteEndpoint",
      "DescribeEndpoint", // Deleting
      "DescribeEndpoint", // gone
      "DeleteEndpointConfig",
      "DeleteModel",
      "DeleteObject",
    ]);
    expect(fake.lastRuntime?.created).toEqual({ objects: [], models: [], endpointConfigs: [], endpoint: null });
  });

  it("a CreateEndpoint that failed on a name someone else took leaves their endpoint alone", async () => {
    fake.script = ["gone", { EndpointStatus: "InService", EndpointConfigName: "their-config" }];
    fake.failOn.set(
      "CreateEndpoint",
      Object.assign(new Error('Cannot create already existing endpoint "arn:aws:sagemaker:us-east-1:1:endpoint/x".'), {
        name: "ValidationException",
      }),
    );
    const err = await target()
      .start(deploymentOf(), config, context())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RESOURCE_CONFLICT" });
    expect(fake.ops()).not.toContain("DeleteEndpoint");
    expect(fake.ops()).toEqual(expect.arrayContaining(["DeleteEndpointConfig", "DeleteModel", "DeleteObject"]));
    expect(events.map((e) => e.message).join("\n")).toContain("which this deployment did not create: left in place");
  });
});

/** A live one-variant deployment, as start records it. */
function liveRuntime(): SageMakerRuntime {
  const rt = emptyRuntime("us-east-1");
  rt.accountId = "123456789012";
  rt.bucket = "bucket";
  rt.endpointName = "mltrack-iris-d-0123456789ab";
  rt.endpointConfigName = "old-config";
  rt.modelName = "old-model";
  rt.key = "old-model/model.tar.gz";
  rt.variants = [{ variantName: "version-1", modelVersion: "1", modelName: "old-model", key: rt.key, weight: 1 }];
  rt.created = { objects: [rt.key], models: ["old-model"], endpointConfigs: ["old-config"], endpoint: rt.endpointName };
  return rt;
}

describe("addCanary (status-sequence fake: moto lacks UpdateEndpoint)", () => {
  it("new model, a two-variant config, UpdateEndpoint, then polls to InService on the NEW config", async () => {
    fake.script = [
      { EndpointStatus: "Updating" },
      (f) => ({ EndpointStatus: "InService", EndpointConfigName: f.lastConfigCreated() }),
    ];
    await target().addCanary!(deploymentOf(snapshot(liveRuntime())), { modelVersion: "2", weight: 0.1 }, context());

    expect(fake.ops()).toEqual([
      "PutObject",
      "CreateModel",
      "CreateEndpointConfig",
      "UpdateEndpoint",
      "DescribeEndpoint",
      "DescribeEndpoint",
    ]);
    const newModel = String(fake.inputOf("CreateModel").ModelName);
    const newConfig = fake.lastConfigCreated();
    expect(fake.inputOf("CreateEndpointConfig").ProductionVariants).toEqual([
      expect.objectContaining({ VariantName: "version-1", ModelName: "old-model", InitialVariantWeight: 0.9 }),
      expect.objectContaining({ VariantName: "version-2", ModelName: newModel, InitialVariantWeight: 0.1 }),
    ]);
    expect(fake.inputOf("UpdateEndpoint")).toEqual({
      EndpointName: "mltrack-iris-d-0123456789ab",
      EndpointConfigName: newConfig,
    });
    const rt = fake.lastRuntime!;
    expect(rt.endpointConfigName).toBe(newConfig);
    expect(rt.variants.map((v) => [v.variantName, v.weight])).toEqual([
      ["version-1", 0.9],
      ["version-2", 0.1],
    ]);
    // The old config stays (rollback is one UpdateEndpoint); stop removes both.
    expect(rt.created.endpointConfigs).toEqual(["old-config", newConfig]);
    expect(events.map((e) => e.message)).toContain("Endpoint mltrack-iris-d-0123456789ab: Updating");
  });

  it("detects a rollback (InService on the OLD config), fails with it, and removes the canary's resources", async () => {
    fake.script = [
      { EndpointStatus: "Updating" },
      { EndpointStatus: "RollingBack" },
      { EndpointStatus: "InService", EndpointConfigName: "old-config" },
    ];
    const err = await target().addCanary!(
      deploymentOf(snapshot(liveRuntime())),
      { modelVersion: "2", weight: 0.1 },
      context(),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as DeployError).message).toBe(
      "SageMaker rolled endpoint mltrack-iris-d-0123456789ab back to config old-config.",
    );
    const newModel = String(fake.inputOf("CreateModel").ModelName);
    const newConfig = fake.lastConfigCreated();
    expect(fake.ops().slice(fake.ops().indexOf("UpdateEndpoint"))).toEqual([
      "UpdateEndpoint",
      "DescribeEndpoint", // Updating
      "DescribeEndpoint", // RollingBack
      "DescribeEndpoint", // InService, old config: rolled back
      "DescribeEndpoint", // before cleanup: still on the old config
      "DeleteEndpointConfig",
      "DeleteModel",
      "DeleteObject",
    ]);
    expect(fake.inputOf("DeleteEndpointConfig")).toEqual({ EndpointConfigName: newConfig });
    expect(fake.inputOf("DeleteModel")).toEqual({ ModelName: newModel });
    expect(events.map((e) => e.message)).toContain("Endpoint mltrack-iris-d-0123456789ab: RollingBack");
    // The recorded runtime is the live one-variant deployment again.
    const rt = fake.lastRuntime!;
    expect(rt.created).toEqual(liveRuntime().created);
    expect(rt.variants).toEqual(liveRuntime().variants);
    expect(rt.endpointConfigName).toBe("old-config");
  });
});

describe("setTrafficWeights (status-sequence fake)", () => {
  it("sends the weights, reports Updating, and records them once InService", async () => {
    const live = liveRuntime();
    live.variants.push({
      variantName: "version-2",
      modelVersion: "2",
      modelName: "m2",
      key: "m2/model.tar.gz",
      weight: 0,
    });
    fake.script = [{ EndpointStatus: "Updating" }, { EndpointStatus: "InService", EndpointConfigName: "old-config" }];
    await target().setTrafficWeights!(deploymentOf(snapshot(live)), { "version-1": 0.7, "version-2": 0.3 }, context());
    expect(fake.inputOf("UpdateEndpointWeightsAndCapacities")).toEqual({
      EndpointName: "mltrack-iris-d-0123456789ab",
      DesiredWeightsAndCapacities: [
        { VariantName: "version-1", DesiredWeight: 0.7 },
        { VariantName: "version-2", DesiredWeight: 0.3 },
      ],
    });
    expect(events.map((e) => e.message)).toContain("Endpoint mltrack-iris-d-0123456789ab: Updating");
    expect(fake.lastRuntime?.variants.map((v) => v.weight)).toEqual([0.7, 0.3]);
  });

  it("refuses unknown variants and all-zero weights with field errors, sending nothing", async () => {
    const d = deploymentOf(snapshot(liveRuntime()));
    await expect(target().setTrafficWeights!(d, { "version-9": 1 }, context())).rejects.toMatchObject({
      code: "INVALID_PARAMETER_VALUE",
      fields: { "weights.version-9": "No variant version-9; the endpoint has version-1" },
    });
    await expect(target().setTrafficWeights!(d, { "version-1": 0 }, context())).rejects.toMatchObject({
      fields: { weights: "At least one variant needs a weight above 0" },
    });
    expect(fake.calls).toEqual([]);
  });
});

describe("stop, probe and invoke", () => {
  it("stop tolerates resources already gone and removes the rest", async () => {
    fake.script = [{ EndpointStatus: "InService", EndpointConfigName: "old-config" }, "gone"];
    fake.failOn.set("DeleteModel", notFound('model "old-model"'));
    await target().stop(deploymentOf(snapshot(liveRuntime())), context());
    expect(fake.ops()).toEqual([
      "DescribeEndpoint",
      "DeleteEndpoint",
      "DescribeEndpoint",
      "DeleteEndpointConfig",
      "DeleteModel",
      "DeleteObject",
    ]);
    expect(fake.lastRuntime?.created).toEqual({ objects: [], models: [], endpointConfigs: [], endpoint: null });
  });

  it("stop names what it could not remove, and keeps it recorded for the next try", async () => {
    fake.script = ["gone"];
    fake.failOn.set(
      "DeleteModel",
      Object.assign(new Error("User is not authorized to perform: sagemaker:DeleteModel"), {
        name: "AccessDeniedException",
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const err = await target()
      .stop(deploymentOf(snapshot(liveRuntime())), context())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INTERNAL_ERROR" });
    expect((err as DeployError).message).toContain(
      "DeleteModel old-model: User is not authorized to perform: sagemaker:DeleteModel",
    );
    expect(fake.lastRuntime?.created.models).toEqual(["old-model"]);
    expect(fake.lastRuntime?.created.endpointConfigs).toEqual([]);
  });

  it("stop with nothing recorded does nothing", async () => {
    await target().stop(deploymentOf({}), context());
    expect(fake.calls).toEqual([]);
  });

  it("probe: InService and Updating serve, a missing endpoint is gone", async () => {
    const d = deploymentOf(snapshot(liveRuntime()));
    fake.script = [{ EndpointStatus: "Updating" }];
    expect(await target().probe(d)).toBe("ready");
    fake.script = ["gone"];
    expect(await target().probe(d)).toBe("gone");
  });

  it("invoke: a ModelError answers with the container's own status and body", async () => {
    const body = '{"error_code": "BAD_REQUEST", "message": "Invalid input"}';
    fake.failOn.set(
      "InvokeEndpoint",
      Object.assign(new Error("Received client error (400)"), {
        name: "ModelError",
        OriginalStatusCode: 400,
        OriginalMessage: body,
      }),
    );
    const answer = await target().invoke(deploymentOf(snapshot(liveRuntime())), {
      body: "[]",
      contentType: "application/json",
    });
    expect(answer).toEqual({ status: 400, contentType: "application/json", body });
  });
});

describe("runtime records", () => {
  it("never share their lists between deployments", () => {
    const a = SageMakerRuntime.parse({ region: "us-east-1" });
    const b = SageMakerRuntime.parse({ region: "us-east-1" });
    a.created.models.push("m");
    a.variants.push({ variantName: "version-1", modelVersion: "1", modelName: "m", key: "k", weight: 1 });
    expect(b.created.models).toEqual([]);
    expect(b.variants).toEqual([]);
    expect(emptyRuntime("us-east-1").created.models).toEqual([]);
  });
});
