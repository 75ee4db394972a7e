/**
 * Traffic on a live SageMaker endpoint: weights shifted with UpdateEndpointWeightsAndCapacities, and a
 * canary version added with UpdateEndpoint (deploy-targets.md §2.1 "Canary / blue-green").
 */
import { UpdateEndpointCommand, UpdateEndpointWeightsAndCapacitiesCommand } from "@aws-sdk/client-sagemaker";
import { DeployError } from "../errors";
import { SageMakerConfig, type CanaryRequest, type Deployment, type TargetContext } from "../types";
import type { SageMakerClients } from "./sagemaker-clients";
import { describeEndpoint, waitForInService, type PollOptions } from "./sagemaker-endpoint";
import { errorMessage, toDeployError } from "./sagemaker-errors";
import { logGroupFor } from "./sagemaker-names";
import { createEndpointConfig, createVersionModel, quietSaver, saver } from "./sagemaker-resources";
import { emptyRuntime, forget, type SageMakerRuntime } from "./sagemaker-runtime";
import { teardown } from "./sagemaker-teardown";

/** A live deployment's endpoint, as the target hands it over. */
export interface LiveEndpoint {
  runtime: SageMakerRuntime;
  clients: SageMakerClients;
  poll(signal?: AbortSignal): Omit<PollOptions, "onStatus">;
  /** The endpoint override, for error hints. */
  awsEndpoint: string | undefined;
}

/** UpdateEndpointWeightsAndCapacities, then polls to InService; the runtime then holds the new weights. */
export async function setTrafficWeights(
  env: LiveEndpoint,
  weights: Record<string, number>,
  ctx: TargetContext,
): Promise<void> {
  const { runtime, clients } = env;
  const endpointName = runtime.endpointName ?? "";
  const known = new Set(runtime.variants.map((v) => v.variantName));
  const fields: Record<string, string> = {};
  for (const [name, weight] of Object.entries(weights)) {
    const field = `weights.${name}`;
    if (!known.has(name)) fields[field] = `No variant ${name}; the endpoint has ${[...known].join(", ")}`;
    else if (!Number.isFinite(weight) || weight < 0) fields[field] = "A weight is a number ≥ 0";
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
    throw toDeployError(err, env.awsEndpoint);
  }
  await waitForInService(clients.sagemaker, endpointName, {
    ...env.poll(ctx.signal),
    onStatus: (status) => save(`Endpoint ${endpointName}: ${status}`),
  });
  runtime.variants = next;
  await save(`Traffic weights now ${shares}`);
}

/**
 * A canary beside the live version: new model + a two-variant config + UpdateEndpoint on the live
 * endpoint, polled to InService. InService with the OLD config means SageMaker rolled back: a failure.
 */
export async function addCanary(
  env: LiveEndpoint,
  deployment: Deployment,
  canary: CanaryRequest,
  ctx: TargetContext,
): Promise<void> {
  const { runtime, clients } = env;
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
      throw toDeployError(err, env.awsEndpoint);
    }
    const described = await waitForInService(clients.sagemaker, endpointName, {
      ...env.poll(ctx.signal),
      onStatus: (status) => save(`Endpoint ${endpointName}: ${status}`),
    });
    if (described.EndpointConfigName !== newConfig) {
      const reason = described.FailureReason?.trim();
      throw new DeployError(
        "INTERNAL_ERROR",
        `SageMaker rolled endpoint ${endpointName} back to config ${described.EndpointConfigName ?? "?"}${reason ? `: ${reason}` : "."}`,
        {
          hint: `The canary did not start; version ${primary.modelVersion} still serves all traffic. Container logs: CloudWatch log group ${logGroupFor(endpointName)}.`,
        },
      );
    }
    runtime.endpointConfigName = newConfig;
    runtime.variants = variants;
    // The previous config stays recorded (and in AWS): rolling back is one UpdateEndpoint; stop removes it.
    await save(`Canary version ${canary.modelVersion} live with ${Math.round(canary.weight * 100)}% of traffic`);
  } catch (err) {
    const error = toDeployError(err, env.awsEndpoint);
    if (ctx.signal.aborted) throw error;
    await removeCanaryLeftovers(env, before, newConfig, ctx, error);
    throw error;
  }
}

/** After a failed canary: removes the new model, tarball and config unless the endpoint serves them. */
async function removeCanaryLeftovers(
  env: LiveEndpoint,
  before: { objects: string[]; models: string[]; configs: string[] },
  newConfig: string | undefined,
  ctx: TargetContext,
  cause: DeployError,
): Promise<void> {
  const { clients, runtime } = env;
  const save = quietSaver(ctx, runtime);
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
  let complete = true;
  try {
    await teardown(clients, leftovers, { poll: env.poll(), report: (message) => save(message) });
  } catch (err) {
    complete = false;
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
  if (complete) await save("Canary resources removed");
}
