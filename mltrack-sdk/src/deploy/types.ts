/**
 * The deploy engine's vocabulary: what a deployment is, the config each target accepts (validated
 * with zod and explained field by field, the same schemas the UI's dialog renders), and the one
 * interface every target implements. Browser-safe: no Node imports, so the UI's form can use it.
 */
import { z } from "zod";
import { ModelVersionNumber, RegisteredModelName } from "../mlflow/validation";

export const DEPLOYMENT_STATUSES = [
  "pending",
  "building",
  "starting",
  "ready",
  "failed",
  "stopping",
  "stopped",
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Statuses after which nothing runs and nothing is billed. */
export const FINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set(["failed", "stopped"]);
export const isFinal = (status: DeploymentStatus): boolean => FINAL_STATUSES.has(status);

export const TARGET_NAMES = ["local", "sagemaker", "modal"] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** Each field's `.describe()` is the help text the deploy dialog shows under it. */
export const LocalConfig = z
  .object({
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(60)
      .describe("Seconds a prediction may take before the scoring server answers 504 (mlflow models serve -t)."),
    startupTimeoutSeconds: z
      .number()
      .int()
      .min(5)
      .max(1800)
      .default(120)
      .describe("Seconds to wait for the model to load and /ping to answer before the deployment is marked failed."),
  })
  .strict();
export type LocalConfig = z.output<typeof LocalConfig>;

/** SageMaker resource names: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` (no underscores). */
export const SageMakerName = z
  .string()
  .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "Letters, digits and single dashes, at most 63 characters");

export const SageMakerConfig = z
  .object({
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "An AWS region such as us-east-1")
      .describe("AWS region of the endpoint, its model and the S3 bucket holding the model tarball."),
    executionRoleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "An IAM role ARN: arn:aws:iam::<account>:role/<name>")
      .describe(
        "Role SageMaker assumes to read the tarball and pull the image (trusts sagemaker.amazonaws.com; S3 read, ECR pull, CloudWatch Logs).",
      ),
    imageUri: z
      .string()
      .regex(
        /^[\w.-]+(:\d+)?\/[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/,
        "A container image URI: <registry>/<repo>:<tag>",
      )
      .describe(
        "The MLflow pyfunc serving image (built with `mlflow sagemaker build-and-push-container`); never guessed.",
      ),
    instanceType: z
      .string()
      .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, "A SageMaker instance type such as ml.m5.large")
      .default("ml.m5.large")
      .describe("Instance type of the production variant; billed per hour while the endpoint is InService."),
    instanceCount: z.number().int().min(1).max(20).default(1).describe("Instances behind the endpoint."),
    endpointName: SageMakerName.optional().describe("Endpoint name; default mltrack-<model>-<deployment id>."),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "An S3 bucket name")
      .optional()
      .describe("Bucket for the model tarball; default mlflow-sagemaker-<region>-<account>, created when missing."),
    startupHealthCheckTimeoutSeconds: z
      .number()
      .int()
      .min(60)
      .max(3600)
      .optional()
      .describe("How long the container may take to pass its ping check (it pip-installs the model's requirements)."),
    modelDataDownloadTimeoutSeconds: z
      .number()
      .int()
      .min(60)
      .max(3600)
      .optional()
      .describe("How long SageMaker may take to download the model tarball."),
    canary: z
      .object({
        modelVersion: ModelVersionNumber.describe("The version served by the canary production variant."),
        weight: z
          .number()
          .min(0)
          .max(1)
          .describe("Share of traffic (0 to 1) the canary gets; the deployed version gets the rest."),
      })
      .strict()
      .optional()
      .describe(
        "A second version served beside the deployed one as a canary production variant; shift traffic later without redeploying.",
      ),
  })
  .strict();
export type SageMakerConfig = z.output<typeof SageMakerConfig>;

/** Modal app names: `^[a-zA-Z][a-zA-Z0-9_-]*$`, at most 63 characters. */
export const ModalAppName = z
  .string()
  .max(63)
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, "A letter, then letters, digits, _ or -");

export const MODAL_GPUS = ["T4", "L4", "A10G", "L40S", "A100", "A100-80GB", "H100"] as const;

export const ModalConfig = z
  .object({
    appName: ModalAppName.optional().describe(
      "Modal app name; default mltrack-<model>-<version>-<deployment>. An existing app of this name is replaced, and stopped on undeploy.",
    ),
    cpu: z.number().min(0.125).max(64).default(1).describe("CPU cores reserved per container."),
    memoryMb: z.number().int().min(128).max(344_064).default(2048).describe("Memory per container, in MiB."),
    gpu: z.enum(MODAL_GPUS).optional().describe("GPU per container; none for CPU-only models such as scikit-learn."),
    minContainers: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .describe("Containers kept warm; 0 scales to zero (billed per second only while serving)."),
    scaledownWindowSeconds: z
      .number()
      .int()
      .min(2)
      .max(3600)
      .default(300)
      .describe("Idle seconds before a container is stopped."),
    startupTimeoutSeconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(300)
      .describe("Seconds a new container may take to load the model before Modal gives up on it."),
    environment: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/)
      .optional()
      .describe("Modal environment (MODAL_ENVIRONMENT); default the workspace's default."),
  })
  .strict();
export type ModalConfig = z.output<typeof ModalConfig>;

export const TargetConfigs = { local: LocalConfig, sagemaker: SageMakerConfig, modal: ModalConfig } as const;
export type TargetConfig<T extends TargetName = TargetName> = z.output<(typeof TargetConfigs)[T]>;

const ModelRef = { modelName: RegisteredModelName, modelVersion: ModelVersionNumber };

/** A deploy request, as the UI's dialog, the CLI and `deploy()` send it. */
export const DeployRequest = z.discriminatedUnion("target", [
  z.object({ target: z.literal("local"), ...ModelRef, config: LocalConfig.default(LocalConfig.parse({})) }).strict(),
  z.object({ target: z.literal("sagemaker"), ...ModelRef, config: SageMakerConfig }).strict(),
  z.object({ target: z.literal("modal"), ...ModelRef, config: ModalConfig.default(ModalConfig.parse({})) }).strict(),
]);
export type DeployRequest = z.output<typeof DeployRequest>;
export type DeployRequestInput = z.input<typeof DeployRequest>;

export const DeploymentEvent = z.object({
  status: z.enum(DEPLOYMENT_STATUSES),
  /** Epoch milliseconds. */
  at: z.number(),
  /** What happened, with resource names (`CreateEndpoint mltrack-iris-1a2b`, `pid 4242 on :50123`). */
  message: z.string(),
});
export type DeploymentEvent = z.output<typeof DeploymentEvent>;

export const DeploymentError = z.object({
  /** The failure verbatim (a child's stderr tail, SageMaker's FailureReason, the Modal CLI's message). */
  message: z.string(),
  /** What to do about it, when known. */
  hint: z.string().optional(),
});
export type DeploymentError = z.output<typeof DeploymentError>;

/** Deployment ids: `d-` and 12 hex digits; safe in tag keys, file names and URLs. */
export const DeploymentId = z.string().regex(/^d-[0-9a-f]{12}$/, "A deployment id such as d-0123456789ab");

/**
 * One deployment, as stored in a registered-model tag (`mltrack.deployment.<id>`, JSON) so every UI
 * instance sees it and it survives restarts.
 */
export const Deployment = z.object({
  id: DeploymentId,
  target: z.enum(TARGET_NAMES),
  ...ModelRef,
  config: z.record(z.string(), z.unknown()),
  status: z.enum(DEPLOYMENT_STATUSES),
  endpointUrl: z.string().nullable(),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  updatedAt: z.number(),
  requestedBy: z.string(),
  lastError: DeploymentError.nullable(),
  /** Status transitions and steps, oldest first (bounded, newest kept). */
  events: z.array(DeploymentEvent),
  /** Hash of target, model, version and config: the same request twice yields one deployment. */
  requestKey: z.string(),
  /** What the target needs to find its resources again (pid and port; endpoint and model names; app name). */
  runtime: z.record(z.string(), z.unknown()),
});
export type Deployment = z.output<typeof Deployment>;

/** A request to a deployment's scoring server (`POST /invocations`, MLflow's contract on every target). */
export interface InvokeRequest {
  body: string;
  contentType: string;
  signal?: AbortSignal;
}

export interface InvokeResponse {
  status: number;
  contentType: string;
  body: string;
}

/** What a target's `start`/`stop` may do to the deployment's record while it works. */
export interface TargetContext {
  /** The version's model files in a local folder (downloaded once, `MLmodel` at its root checked). */
  modelDir(): Promise<string>;
  /** Another version of the same registered model, likewise (a SageMaker canary variant needs it). */
  modelDirFor?(modelVersion: string): Promise<string>;
  /** Records a step or a status transition; persisted before it resolves. */
  update(change: {
    status?: DeploymentStatus;
    message: string;
    endpointUrl?: string | null;
    runtime?: Record<string, unknown>;
  }): Promise<void>;
  /** Folder for this deployment's own files (logs, staged apps); kept until it is stopped. */
  workDir: string;
  signal: AbortSignal;
}

/** One deploy target. The engine owns records, idempotency and status; a target owns its resources. */
export interface DeployTarget<T extends TargetName = TargetName> {
  readonly name: T;
  /** Checks that need no state change (credentials present, names free); throws `DeployError`. */
  preflight?(deployment: Deployment, config: TargetConfig<T>): Promise<void>;
  /** Brings the deployment up to `ready` (reporting each step), or throws `DeployError` having cleaned up. */
  start(deployment: Deployment, config: TargetConfig<T>, ctx: TargetContext): Promise<void>;
  /** Removes everything `start` created; safe to call on a half-started or already-gone deployment. */
  stop(deployment: Deployment, ctx: TargetContext): Promise<void>;
  /** After a restart: whether a `ready` deployment still answers (local re-attaches or reports it gone). */
  probe(deployment: Deployment): Promise<"ready" | "gone">;
  invoke(deployment: Deployment, request: InvokeRequest): Promise<InvokeResponse>;
  /** The last log lines (at most 200), when the target keeps any. */
  logs?(deployment: Deployment): Promise<string[]>;
  /**
   * Shifts traffic between a live deployment's variants (`{ "version-1": 0.9, "version-2": 0.1 }`,
   * relative weights), resolving once it serves with them; its runtime then holds the new weights.
   */
  setTrafficWeights?(deployment: Deployment, weights: Record<string, number>, ctx: TargetContext): Promise<void>;
  /** Puts another version live beside the deployed one as a canary getting `weight` (0 to 1) of the traffic. */
  addCanary?(deployment: Deployment, canary: CanaryRequest, ctx: TargetContext): Promise<void>;
}

/** A canary: the version to serve beside the deployed one and its share of traffic (0 to 1). */
export interface CanaryRequest {
  modelVersion: string;
  weight: number;
}
