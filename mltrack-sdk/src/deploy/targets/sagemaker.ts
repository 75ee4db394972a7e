/**
 * The SageMaker deploy target (deploy-targets.md §2): the version's model as a tarball in S3, a
 * SageMaker model, an endpoint config and a real-time endpoint, polled with every status reported;
 * invoke through InvokeEndpoint; stop removes all of it. A second version can serve as a canary
 * production variant (at create, or added later with UpdateEndpoint), and traffic shifts with
 * UpdateEndpointWeightsAndCapacities. Loaded lazily by the engine; the only file importing the AWS SDK
 * with its siblings.
 */
import path from "node:path";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type ProductionVariant,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { DeployError } from "../errors";
import {
  SageMakerConfig,
  type CanaryRequest,
  type DeployTarget,
  type Deployment,
  type DeploymentStatus,
  type InvokeResponse,
  type TargetContext,
} from "../types";
import { createModelTarball } from "./model-tarball";
import { clientFactory, type ClientOptions, type SageMakerClients } from "./sagemaker-clients";
import { describeEndpoint, waitForInService, type PollOptions } from "./sagemaker-endpoint";
import { errorMessage, errorName, toDeployError } from "./sagemaker-errors";
import {
  defaultBucket,
  endpointConfigNameFor,
  endpointNameFor,
  modelResourceName,
  tarballKey,
  toTagValue,
  variantNameFor,
} from "./sagemaker-names";
import {
  emptyRuntime,
  forget,
  readRuntime,
  remember,
  snapshot,
  type SageMakerRuntime,
  type SageMakerVariant,
} from "./sagemaker-runtime";
import { ensureBucket, uploadTarball } from "./sagemaker-s3";
import { teardown } from "./sagemaker-teardown";

export interface SageMakerTargetOptions extends ClientOptions {
  /** DescribeEndpoint poll interval; default 5 s (as MLflow). */
  pollIntervalMs?: number;
  /** How long an endpoint may take to reach InService (or to disappear); default 30 min. */
  timeoutMs?: number;
}

/** What MLflow's pyfunc container reads to serve the model (mlflow/models/container). */
const CONTAINER_ENV = { MLFLOW_DEPLOYMENT_FLAVOR_NAME: "python_function", SERVING_ENVIRONMENT: "SageMaker" };

/** EndpointStatus → the engine's status while an endpoint is being created. */
const STATUS_WHILE_CREATING: Record<string, DeploymentStatus> = { Creating: "starting", InService: "ready" };

interface VariantPlan {
  modelVersion: string;
  weight: number;
  modelDir: () => Promise<string>;
}

export function createSageMakerTarget(options: SageMakerTargetOptions = {}): DeployTarget<"sagemaker"> {
  const factory = clientFactory(options);
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const poll = (signal?: AbortSignal): Omit<PollOptions, "onStatus"> => ({
    intervalMs: pollIntervalMs,
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
  const invocationsUrl = (region: string, endpointName: string): string =>
    `${factory.endpoint?.replace(/\/+$/, "") ?? `https://runtime.sagemaker.${region}.amazonaws.com`}/endpoints/${endpointName}/invocations`;

  /** Fails with RESOURCE_CONFLICT when the endpoint name is taken (moto would silently overwrite it). */
  async function checkNameFree(clients: SageMakerClients, endpointName: string, signal?: AbortSignal) {
    const existing = await describeEndpoint(clients.sagemaker, endpointName, signal);
    if (existing) {
      throw new DeployError(
        "RESOURCE_CONFLICT",
        `Endpoint ${endpointName} already exists (${existing.EndpointStatus ?? "unknown status"}).`,
        { hint: "Choose another endpoint name, or undeploy the deployment that owns it." },
      );
    }
  }

  /** Tarball → upload → CreateModel for one version, each resource recorded before it is created. */
  async function createVersionModel(
    clients: SageMakerClients,
    runtime: SageMakerRuntime,
    config: SageMakerConfig,
    deployment: Deployment,
    plan: VariantPlan,
    ctx: TargetContext,
    save: (message: string, status?: DeploymentStatus) => Promise<void>,
  ): Promise<SageMakerVariant> {
    const endpointName = runtime.endpointName ?? "";
    const bucket = runtime.bucket ?? "";
    const modelName = modelResourceName(endpointName, plan.modelVersion);
    const key = tarballKey(modelName);
    const dir = await plan.modelDir();
    const tarball = await createModelTarball(dir, path.join(ctx.workDir, "sagemaker"), `${modelName}.tar.gz`);
    remember(runtime.created.objects, key);
    await save(`Uploading version ${plan.modelVersion} to s3://${bucket}/${key} (${tarball.bytes} bytes)`);
    await uploadTarball(clients.s3, bucket, key, tarball);
    remember(runtime.created.models, modelName);
    await save(`CreateModel ${modelName} (image ${config.imageUri})`);
    try {
      await clients.sagemaker.send(
        new CreateModelCommand({
          ModelName: modelName,
          ExecutionRoleArn: config.executionRoleArn,
          PrimaryContainer: {
            Image: config.imageUri,
            ModelDataUrl: `s3://${bucket}/${key}`,
            Environment: CONTAINER_ENV,
          },
          Tags: [
            { Key: "mltrack:deployment-id", Value: deployment.id },
            { Key: "mltrack:registered-model", Value: toTagValue(deployment.modelName) },
            { Key: "mltrack:model-version", Value: plan.modelVersion },
          ],
        }),
      );
    } catch (err) {
      throw toDeployError(err);
    }
    return {
      variantName: variantNameFor(plan.modelVersion),
      modelVersion: plan.modelVersion,
      modelName,
      key,
      weight: plan.weight,
    };
  }

  /** CreateEndpointConfig with one production variant per entry. */
  async function createEndpointConfig(
    clients: SageMakerClients,
    runtime: SageMakerRuntime,
    config: SageMakerConfig,
    deployment: Deployment,
    variants: SageMakerVariant[],
    save: (message: string, status?: DeploymentStatus) => Promise<void>,
  ): Promise<string> {
    const name = endpointConfigNameFor(runtime.endpointName ?? "");
    remember(runtime.created.endpointConfigs, name);
    const shares = variants.map((v) => `${v.variantName} ${Math.round(v.weight * 100)}%`).join(", ");
    await save(`CreateEndpointConfig ${name}: ${config.instanceCount} × ${config.instanceType}; ${shares}`);
    const productionVariants: ProductionVariant[] = variants.map((v) => ({
      VariantName: v.variantName,
      ModelName: v.modelName,
      InitialVariantWeight: v.weight,
      InstanceType: config.instanceType as ProductionVariant["InstanceType"],
      InitialInstanceCount: config.instanceCount,
      ...(config.startupHealthCheckTimeoutSeconds
        ? { ContainerStartupHealthCheckTimeoutInSeconds: config.startupHealthCheckTimeoutSeconds }
        : {}),
      ...(config.modelDataDownloadTimeoutSeconds
        ? { ModelDataDownloadTimeoutInSeconds: config.modelDataDownloadTimeoutSeconds }
        : {}),
    }));
    try {
      await clients.sagemaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: name,
          ProductionVariants: productionVariants,
          Tags: [{ Key: "mltrack:deployment-id", Value: deployment.id }],
        }),
      );
    } catch (err) {
      throw toDeployError(err);
    }
    return name;
  }

  function contextFor(deployment: Deployment): { runtime: SageMakerRuntime; clients: SageMakerClients } {
    const runtime = readRuntime(deployment.runtime);
    if (!runtime?.endpointName) {
      throw new DeployError("RESOURCE_DOES_NOT_EXIST", `Deployment ${deployment.id} has no SageMaker endpoint.`);
    }
    return { runtime, clients: factory.forRegion(runtime.region) };
  }

  const saver = (ctx: TargetContext, runtime: SageMakerRuntime) => (message: string, status?: DeploymentStatus) =>
    ctx.update({ message, runtime: snapshot(runtime), ...(status ? { status } : {}) });

  async function removeAfterFailure(
    clients: SageMakerClients,
    runtime: SageMakerRuntime,
    ctx: TargetContext,
    cause: DeployError,
  ): Promise<void> {
    // Never throws: the original failure is what the caller reports.
    const save = (message: string) => saver(ctx, runtime)(message).catch(() => undefined);
    await save(`Removing what was created after the failure: ${cause.message}`);
    try {
      // Not bound by ctx.signal: an aborted start must still clean up.
      await teardown(clients, runtime, { poll: poll(), report: (message) => save(message) });
    } catch (err) {
      await save(`Cleanup incomplete: ${errorMessage(err)} (undeploy retries it)`);
    }
  }

  return {
    name: "sagemaker",

    async preflight(deployment, config) {
      const clients = factory.forRegion(config.region);
      if (config.canary && config.canary.modelVersion === deployment.modelVersion) {
        throw new DeployError("INVALID_PARAMETER_VALUE", "The canary must be another version than the deployed one.", {
          fields: {
            "config.canary.modelVersion": `Version ${deployment.modelVersion} is already the deployed version`,
          },
        });
      }
      try {
        await clients.sts.send(new GetCallerIdentityCommand({}));
      } catch (err) {
        throw toDeployError(err, factory.endpoint);
      }
      await checkNameFree(clients, endpointNameFor(deployment.modelName, deployment.id, config.endpointName));
    },

    async start(deployment, config, ctx) {
      const clients = factory.forRegion(config.region);
      const runtime = emptyRuntime(config.region);
      const save = saver(ctx, runtime);
      const canary = config.canary;
      if (canary && canary.modelVersion === deployment.modelVersion) {
        throw new DeployError("INVALID_PARAMETER_VALUE", "The canary must be another version than the deployed one.");
      }
      if (canary && !ctx.modelDirFor) {
        throw new DeployError("INTERNAL_ERROR", "This engine cannot fetch a second version's model for the canary.");
      }
      try {
        await save(`SageMaker in ${config.region}: preparing version ${deployment.modelVersion}`, "building");
        const identity = await clients.sts.send(new GetCallerIdentityCommand({})).catch((err: unknown) => {
          throw toDeployError(err, factory.endpoint);
        });
        runtime.accountId = identity.Account ?? null;
        runtime.endpointName = endpointNameFor(deployment.modelName, deployment.id, config.endpointName);
        // Again here: preflight may have run a while ago, and nothing is created before this check.
        await checkNameFree(clients, runtime.endpointName, ctx.signal);
        runtime.bucket = config.bucket ?? defaultBucket(config.region, runtime.accountId ?? "unknown");
        const createdBucket = await ensureBucket(clients.s3, runtime.bucket, config.region);
        await save(createdBucket ? `CreateBucket ${runtime.bucket}` : `Using bucket ${runtime.bucket}`);

        const plans: VariantPlan[] = [
          {
            modelVersion: deployment.modelVersion,
            weight: canary ? 1 - canary.weight : 1,
            modelDir: () => ctx.modelDir(),
          },
        ];
        if (canary && ctx.modelDirFor) {
          const modelDirFor = ctx.modelDirFor.bind(ctx);
          plans.push({
            modelVersion: canary.modelVersion,
            weight: canary.weight,
            modelDir: () => modelDirFor(canary.modelVersion),
          });
        }
        const variants: SageMakerVariant[] = [];
        for (const plan of plans) {
          variants.push(await createVersionModel(clients, runtime, config, deployment, plan, ctx, save));
        }
        const configName = await createEndpointConfig(clients, runtime, config, deployment, variants, save);

        const endpointName = runtime.endpointName;
        runtime.created.endpoint = endpointName;
        runtime.modelName = variants[0]?.modelName ?? null;
        runtime.key = variants[0]?.key ?? null;
        await save(`CreateEndpoint ${endpointName} with config ${configName}`, "starting");
        try {
          await clients.sagemaker.send(
            new CreateEndpointCommand({
              EndpointName: endpointName,
              EndpointConfigName: configName,
              Tags: [{ Key: "mltrack:deployment-id", Value: deployment.id }],
            }),
          );
        } catch (err) {
          throw toDeployError(err);
        }
        runtime.endpointConfigName = configName;
        runtime.variants = variants;
        await waitForInService(clients.sagemaker, endpointName, {
          ...poll(ctx.signal),
          onStatus: (status) => save(`Endpoint ${endpointName}: ${status}`, STATUS_WHILE_CREATING[status]),
        });
        await ctx.update({
          status: "ready",
          message: `Endpoint ${endpointName} is InService`,
          endpointUrl: invocationsUrl(config.region, endpointName),
          runtime: snapshot(runtime),
        });
      } catch (err) {
        const error = toDeployError(err, factory.endpoint);
        // Aborted means undeploy was asked for: its stop removes what the runtime records.
        if (!ctx.signal.aborted) await removeAfterFailure(clients, runtime, ctx, error);
        throw error;
      }
    },

    async stop(deployment, ctx) {
      const runtime = readRuntime(deployment.runtime);
      if (!runtime) {
        await ctx.update({ message: "Nothing was created on SageMaker" });
        return;
      }
      const clients = factory.forRegion(runtime.region);
      const save = saver(ctx, runtime);
      try {
        await teardown(clients, runtime, { poll: poll(ctx.signal), report: (message) => save(message) });
      } catch (err) {
        throw toDeployError(err, factory.endpoint);
      }
      await save("All SageMaker resources of this deployment are deleted (the bucket stays)");
    },

    async probe(deployment) {
      const runtime = readRuntime(deployment.runtime);
      if (!runtime?.endpointName) return "gone";
      const described = await describeEndpoint(factory.forRegion(runtime.region).sagemaker, runtime.endpointName);
      // Updating endpoints keep serving with their current config.
      const serving = ["InService", "Updating", "SystemUpdating", "RollingBack"];
      return described && serving.includes(described.EndpointStatus ?? "") ? "ready" : "gone";
    },

    async invoke(deployment, request) {
      const { runtime, clients } = contextFor(deployment);
      try {
        const answer = await clients.runtime.send(
          new InvokeEndpointCommand({
            EndpointName: runtime.endpointName ?? "",
            Body: new TextEncoder().encode(request.body),
            ContentType: request.contentType,
          }),
          request.signal ? { abortSignal: request.signal } : {},
        );
        return {
          status: 200,
          contentType: answer.ContentType ?? "application/json",
          body: answer.Body ? new TextDecoder().decode(answer.Body) : "",
        } satisfies InvokeResponse;
      } catch (err) {
        if (errorName(err) === "ModelError") {
          // The container answered with an error: its own status and body (MLflow's error JSON).
          const modelError = err as { OriginalStatusCode?: number; OriginalMessage?: string; message?: string };
          const body = modelError.OriginalMessage ?? modelError.message ?? "";
          return {
            status: modelError.OriginalStatusCode ?? 500,
            contentType: /^\s*[{[]/.test(body) ? "application/json" : "text/plain",
            body,
          };
        }
        throw toDeployError(err, factory.endpoint);
      }
    },

    async setTrafficWeights(deployment, weights, ctx) {
      const { runtime, clients } = contextFor(deployment);
      const endpointName = runtime.endpointName ?? "";
      const known = new Set(runtime.variants.map((v) => v.variantName));
      const fields: Record<string, string> = {};
      for (const [name, weight] of Object.entries(weights)) {
        if (!known.has(name)) fields[name] = `No variant ${name}; the endpoint has ${[...known].join(", ")}`;
        else if (!Number.isFinite(weight) || weight < 0) fields[name] = "A weight is a number ≥ 0";
      }
      const next = runtime.variants.map((v) => ({ ...v, weight: weights[v.variantName] ?? v.weight }));
      if (Object.keys(fields).length === 0 && !next.some((v) => v.weight > 0)) {
        fields.weights = "At least one variant needs a weight above 0";
      }
      if (Object.keys(fields).length > 0) {
        throw new DeployError("INVALID_PARAMETER_VALUE", "Invalid traffic weights.", { fields });
      }
      const save = saver(ctx, runtime);
      const shares = next.map((v) => `${v.variantName} ${v.weight}`).join(", ");
      await save(`UpdateEndpointWeightsAndCapacities ${endpointName}: ${shares}`);
      try {
        await clients.sagemaker.send(
          new UpdateEndpointWeightsAndCapacitiesCommand({
            EndpointName: endpointName,
            DesiredWeightsAndCapacities: Object.entries(weights).map(([VariantName, DesiredWeight]) => ({
              VariantName,
              DesiredWeight,
            })),
          }),
        );
      } catch (err) {
        throw toDeployError(err, factory.endpoint);
      }
      await waitForInService(clients.sagemaker, endpointName, {
        ...poll(ctx.signal),
        onStatus: (status) => save(`Endpoint ${endpointName}: ${status}`),
      });
      runtime.variants = next;
      await save(`Traffic weights now ${shares}`);
    },

    async addCanary(deployment, canary: CanaryRequest, ctx) {
      const { runtime, clients } = contextFor(deployment);
      const config = SageMakerConfig.parse(deployment.config);
      const endpointName = runtime.endpointName ?? "";
      const previousConfig = runtime.endpointConfigName;
      const primary = runtime.variants[0];
      if (!primary || !previousConfig) {
        throw new DeployError(
          "RESOURCE_DOES_NOT_EXIST",
          `Endpoint ${endpointName} has no live variant to add a canary beside.`,
        );
      }
      if (runtime.variants.length > 1) {
        throw new DeployError("RESOURCE_CONFLICT", `Endpoint ${endpointName} already serves a canary.`, {
          hint: "Shift its traffic with the weights, or undeploy and deploy again.",
        });
      }
      if (canary.modelVersion === primary.modelVersion || !(canary.weight >= 0 && canary.weight <= 1)) {
        throw new DeployError("INVALID_PARAMETER_VALUE", "Invalid canary.", {
          fields:
            canary.modelVersion === primary.modelVersion
              ? { modelVersion: `Version ${primary.modelVersion} is already live` }
              : { weight: "A share of traffic from 0 to 1" },
        });
      }
      const modelDirFor = ctx.modelDirFor?.bind(ctx);
      if (!modelDirFor) {
        throw new DeployError("INTERNAL_ERROR", "This engine cannot fetch a second version's model for the canary.");
      }
      const save = saver(ctx, runtime);
      const before = {
        objects: [...runtime.created.objects],
        models: [...runtime.created.models],
        configs: [...runtime.created.endpointConfigs],
      };
      let newConfig: string | undefined;
      try {
        const variant = await createVersionModel(
          clients,
          runtime,
          config,
          deployment,
          {
            modelVersion: canary.modelVersion,
            weight: canary.weight,
            modelDir: () => modelDirFor(canary.modelVersion),
          },
          ctx,
          save,
        );
        const variants = [{ ...primary, weight: 1 - canary.weight }, variant];
        newConfig = await createEndpointConfig(clients, runtime, config, deployment, variants, save);
        await save(`UpdateEndpoint ${endpointName} to config ${newConfig} (was ${previousConfig})`);
        try {
          await clients.sagemaker.send(
            new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: newConfig }),
          );
        } catch (err) {
          throw toDeployError(err, factory.endpoint);
        }
        const described = await waitForInService(clients.sagemaker, endpointName, {
          ...poll(ctx.signal),
          onStatus: (status) => save(`Endpoint ${endpointName}: ${status}`),
        });
        if (described.EndpointConfigName !== newConfig) {
          const reason = described.FailureReason?.trim();
          throw new DeployError(
            "INTERNAL_ERROR",
            `SageMaker rolled endpoint ${endpointName} back to config ${described.EndpointConfigName ?? "?"}${reason ? `: ${reason}` : "."}`,
            {
              hint: `The canary did not start; version ${primary.modelVersion} still serves all traffic. Container logs: CloudWatch log group /aws/sagemaker/Endpoints/${endpointName}.`,
            },
          );
        }
        runtime.endpointConfigName = newConfig;
        runtime.variants = variants;
        // The previous config stays recorded (and in AWS): rolling back is one UpdateEndpoint; stop removes it.
        await save(`Canary version ${canary.modelVersion} live with ${Math.round(canary.weight * 100)}% of traffic`);
      } catch (err) {
        const error = toDeployError(err, factory.endpoint);
        if (ctx.signal.aborted) throw error;
        await removeCanaryLeftovers(clients, runtime, before, newConfig, ctx, error);
        throw error;
      }
    },
  };

  /** After a failed canary: removes the new model, tarball and config unless the endpoint serves them. */
  async function removeCanaryLeftovers(
    clients: SageMakerClients,
    runtime: SageMakerRuntime,
    before: { objects: string[]; models: string[]; configs: string[] },
    newConfig: string | undefined,
    ctx: TargetContext,
    cause: DeployError,
  ): Promise<void> {
    const save = (message: string) => saver(ctx, runtime)(message).catch(() => undefined);
    const endpointName = runtime.endpointName ?? "";
    const described = await describeEndpoint(clients.sagemaker, endpointName).catch(() => undefined);
    if (described && (described.EndpointConfigName === newConfig || described.EndpointStatus !== "InService")) {
      await save(
        `Endpoint ${endpointName} is ${described.EndpointStatus} with config ${described.EndpointConfigName}: the canary's resources stay recorded for undeploy`,
      );
      return;
    }
    await save(`Removing the canary's resources after the failure: ${cause.message}`);
    const leftovers = emptyRuntime(runtime.region);
    leftovers.bucket = runtime.bucket;
    leftovers.created.objects = runtime.created.objects.filter((k) => !before.objects.includes(k));
    leftovers.created.models = runtime.created.models.filter((m) => !before.models.includes(m));
    leftovers.created.endpointConfigs = runtime.created.endpointConfigs.filter((c) => !before.configs.includes(c));
    try {
      await teardown(clients, leftovers, { poll: poll(), report: (message) => save(message) });
    } catch (err) {
      await save(`Cleanup incomplete: ${errorMessage(err)} (undeploy retries it)`);
    }
    for (const key of runtime.created.objects.filter(
      (k) => !leftovers.created.objects.includes(k) && !before.objects.includes(k),
    )) {
      forget(runtime.created.objects, key);
    }
    for (const model of runtime.created.models.filter(
      (m) => !leftovers.created.models.includes(m) && !before.models.includes(m),
    )) {
      forget(runtime.created.models, model);
    }
    for (const name of runtime.created.endpointConfigs.filter(
      (c) => !leftovers.created.endpointConfigs.includes(c) && !before.configs.includes(c),
    )) {
      forget(runtime.created.endpointConfigs, name);
    }
    await save("Canary resources removed");
  }
}
