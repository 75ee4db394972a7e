/**
 * Removes what a SageMaker deployment created, from its runtime record (deploy-targets.md §2.1 step
 * 10): endpoint → wait until gone → endpoint configs → models → tarballs. Already-gone resources count
 * as removed; the endpoint is deleted only while it serves a config this deployment created (a name
 * recorded just before a CreateEndpoint that failed may belong to someone else). The bucket stays:
 * it is shared (MLflow's default bucket serves every deployment of the account and region).
 */
import { DeleteEndpointCommand, DeleteEndpointConfigCommand, DeleteModelCommand } from "@aws-sdk/client-sagemaker";
import { DeployError } from "../errors";
import type { SageMakerClients } from "./sagemaker-clients";
import { describeEndpoint, waitForGone, type PollOptions } from "./sagemaker-endpoint";
import { errorMessage, isNotFound } from "./sagemaker-errors";
import { deleteObject } from "./sagemaker-s3";
import { forget, type SageMakerRuntime } from "./sagemaker-runtime";

export interface TeardownOptions {
  poll: Omit<PollOptions, "onStatus">;
  /** Records a step; `runtime` is mutated in place before each call reports. */
  report(message: string): Promise<void>;
}

/** Deletes everything in `runtime.created`; throws a DeployError naming what could not be removed. */
export async function teardown(
  clients: SageMakerClients,
  runtime: SageMakerRuntime,
  options: TeardownOptions,
): Promise<void> {
  const { sagemaker, s3 } = clients;
  const created = runtime.created;
  const failures: string[] = [];
  const attempt = async (what: string, run: () => Promise<void>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (err) {
      if (isNotFound(err)) return true;
      failures.push(`${what}: ${errorMessage(err)}`);
      await options.report(`${what} failed: ${errorMessage(err)}`);
      return false;
    }
  };

  const endpointName = created.endpoint;
  if (endpointName) {
    const ok = await attempt(`DeleteEndpoint ${endpointName}`, async () => {
      const described = await describeEndpoint(sagemaker, endpointName, options.poll.signal);
      if (!described) return;
      const config = described.EndpointConfigName ?? "";
      if (!created.endpointConfigs.includes(config)) {
        await options.report(
          `Endpoint ${endpointName} serves config ${config}, which this deployment did not create: left in place.`,
        );
        return;
      }
      await options.report(`DeleteEndpoint ${endpointName}`);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: endpointName }));
      await waitForGone(sagemaker, endpointName, {
        ...options.poll,
        onStatus: (status) => options.report(`Endpoint ${endpointName}: ${status}`),
      });
      await options.report(`Endpoint ${endpointName} deleted`);
    });
    if (ok) {
      created.endpoint = null;
      runtime.variants = [];
      runtime.endpointConfigName = null;
    }
  }
  // A config, model or object still used by a live endpoint is not touched.
  if (created.endpoint === null) {
    for (const name of [...created.endpointConfigs]) {
      const ok = await attempt(`DeleteEndpointConfig ${name}`, async () => {
        await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }));
      });
      if (ok) {
        forget(created.endpointConfigs, name);
        await options.report(`Endpoint config ${name} deleted`);
      }
    }
    for (const name of [...created.models]) {
      const ok = await attempt(`DeleteModel ${name}`, async () => {
        await sagemaker.send(new DeleteModelCommand({ ModelName: name }));
      });
      if (ok) {
        forget(created.models, name);
        await options.report(`Model ${name} deleted`);
      }
    }
    for (const key of [...created.objects]) {
      const bucket = runtime.bucket;
      if (!bucket) break;
      const ok = await attempt(`DeleteObject s3://${bucket}/${key}`, () => deleteObject(s3, bucket, key));
      if (ok) {
        forget(created.objects, key);
        await options.report(`Object s3://${bucket}/${key} deleted`);
      }
    }
  }
  if (failures.length > 0) {
    throw new DeployError("INTERNAL_ERROR", `Some SageMaker resources could not be removed: ${failures.join("; ")}`, {
      hint: "Fix the cause (often a missing Delete* permission) and undeploy again; what is already gone is skipped.",
    });
  }
}
