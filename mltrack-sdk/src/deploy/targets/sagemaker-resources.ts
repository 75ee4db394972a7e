/**
 * Creating a SageMaker deployment's resources, one version's model or one endpoint config at a time,
 * each name recorded in the runtime (persisted through `ctx.update`) BEFORE the call creating it.
 */
import path from "node:path";
import { CreateEndpointConfigCommand, CreateModelCommand, type ProductionVariant } from "@aws-sdk/client-sagemaker";
import { DeployError } from "../errors";
import type { Deployment, DeploymentStatus, SageMakerConfig, TargetContext } from "../types";
import { createModelTarball } from "./model-tarball";
import type { SageMakerClients } from "./sagemaker-clients";
import { describeEndpoint } from "./sagemaker-endpoint";
import { toDeployError } from "./sagemaker-errors";
import { endpointConfigNameFor, modelResourceName, tarballKey, toTagValue, variantNameFor } from "./sagemaker-names";
import { remember, snapshot, type SageMakerRuntime, type SageMakerVariant } from "./sagemaker-runtime";
import { uploadTarball } from "./sagemaker-s3";

/** What MLflow's pyfunc container reads to serve the model (mlflow/models/container). */
export const CONTAINER_ENV = { MLFLOW_DEPLOYMENT_FLAVOR_NAME: "python_function", SERVING_ENVIRONMENT: "SageMaker" };

/** Records a step (and the whole runtime, as it is now). */
export type Save = (message: string, status?: DeploymentStatus) => Promise<void>;

export const saver =
  (ctx: TargetContext, runtime: SageMakerRuntime): Save =>
  (message, status) =>
    ctx.update({ message, runtime: snapshot(runtime), ...(status ? { status } : {}) });

/** A saver that never throws (after a failure, the failure is what the caller reports). */
export const quietSaver =
  (ctx: TargetContext, runtime: SageMakerRuntime) =>
  (message: string): Promise<void> =>
    saver(ctx, runtime)(message).catch(() => undefined);

export interface VariantPlan {
  modelVersion: string;
  weight: number;
  modelDir: () => Promise<string>;
}

/** Fails with RESOURCE_CONFLICT when the endpoint name is taken (moto would silently overwrite it). */
export async function checkNameFree(clients: SageMakerClients, endpointName: string, signal?: AbortSignal) {
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
export async function createVersionModel(
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
export async function createEndpointConfig(
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
