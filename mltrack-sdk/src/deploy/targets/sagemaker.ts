/**
 * The SageMaker deploy target (deploy-targets.md §2): the version's model as a tarball in S3, a
 * SageMaker model, an endpoint config and a real-time endpoint, polled with every status reported;
 * invoke through InvokeEndpoint; stop removes all of it. A second version can serve as a canary
 * production variant (at create, or added later with UpdateEndpoint), and traffic shifts with
 * UpdateEndpointWeightsAndCapacities. Loaded lazily by the engine; the only file importing the AWS SDK
 * with its siblings.
 */
import { CreateEndpointCommand } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { DeployError } from "../errors";
import type { DeployTarget, Deployment, DeploymentStatus, InvokeResponse, TargetContext } from "../types";
import { clientFactory, type ClientOptions, type SageMakerClients } from "./sagemaker-clients";
import { describeEndpoint, waitForInService, type PollOptions } from "./sagemaker-endpoint";
import { errorMessage, errorName, toDeployError } from "./sagemaker-errors";
import { defaultBucket, endpointNameFor } from "./sagemaker-names";
import {
  checkNameFree,
  createEndpointConfig,
  createVersionModel,
  quietSaver,
  saver,
  type VariantPlan,
} from "./sagemaker-resources";
import { emptyRuntime, readRuntime, snapshot, type SageMakerRuntime, type SageMakerVariant } from "./sagemaker-runtime";
import { ensureBucket } from "./sagemaker-s3";
import { teardown } from "./sagemaker-teardown";
import { addCanary, setTrafficWeights, type LiveEndpoint } from "./sagemaker-traffic";

export interface SageMakerTargetOptions extends ClientOptions {
  /** DescribeEndpoint poll interval; default 5 s (as MLflow). */
  pollIntervalMs?: number;
  /** How long an endpoint may take to reach InService (or to disappear); default 30 min. */
  timeoutMs?: number;
}

/** EndpointStatus → the engine's status while an endpoint is being created. */
const STATUS_WHILE_CREATING: Record<string, DeploymentStatus> = { Creating: "starting", InService: "ready" };

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

  function contextFor(deployment: Deployment): LiveEndpoint {
    const runtime = readRuntime(deployment.runtime);
    if (!runtime?.endpointName) {
      throw new DeployError("RESOURCE_DOES_NOT_EXIST", `Deployment ${deployment.id} has no SageMaker endpoint.`);
    }
    return { runtime, clients: factory.forRegion(runtime.region), poll, awsEndpoint: factory.endpoint };
  }

  async function removeAfterFailure(
    clients: SageMakerClients,
    runtime: SageMakerRuntime,
    ctx: TargetContext,
    cause: DeployError,
  ): Promise<void> {
    // Never throws: the original failure is what the caller reports.
    const save = quietSaver(ctx, runtime);
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

    setTrafficWeights: (deployment, weights, ctx) => setTrafficWeights(contextFor(deployment), weights, ctx),

    addCanary: (deployment, canary, ctx) => addCanary(contextFor(deployment), deployment, canary, ctx),
  };
}
