/**
 * Own poll loops over DescribeEndpoint (not the SDK waiters: the UI shows every status as it happens).
 */
import {
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { DeployError } from "../errors";
import { failureHint, isNotFound, toDeployError } from "./sagemaker-errors";
import { logGroupFor } from "./sagemaker-names";

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called once per distinct EndpointStatus, in order. */
  onStatus?(status: string, described: DescribeEndpointCommandOutput): Promise<void>;
}

const FAILED = new Set(["Failed", "UpdateRollbackFailed"]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** DescribeEndpoint, or undefined when the endpoint does not exist. */
export async function describeEndpoint(
  sagemaker: SageMakerClient,
  endpointName: string,
  signal?: AbortSignal,
): Promise<DescribeEndpointCommandOutput | undefined> {
  try {
    return await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }), { abortSignal: signal });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw toDeployError(err);
  }
}

/**
 * Polls until the endpoint is `InService` and returns that description (the caller checks which
 * config it serves: after UpdateEndpoint, the OLD config means SageMaker rolled back). `Failed` and
 * `UpdateRollbackFailed` throw their FailureReason verbatim with a hint naming the log group.
 */
export async function waitForInService(
  sagemaker: SageMakerClient,
  endpointName: string,
  options: PollOptions,
): Promise<DescribeEndpointCommandOutput> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string | undefined;
  for (;;) {
    const described = await describeEndpoint(sagemaker, endpointName, options.signal);
    if (!described) {
      throw new DeployError("RESOURCE_DOES_NOT_EXIST", `Endpoint ${endpointName} disappeared while being created.`, {
        hint: "It was deleted outside MLTrack.",
      });
    }
    const status = described.EndpointStatus ?? "Unknown";
    if (status !== last) {
      last = status;
      await options.onStatus?.(status, described);
    }
    if (status === "InService") return described;
    if (FAILED.has(status)) {
      const reason = described.FailureReason?.trim();
      throw new DeployError(
        "INTERNAL_ERROR",
        reason || `Endpoint ${endpointName} is ${status} (SageMaker gave no FailureReason).`,
        {
          hint: failureHint(endpointName, reason ?? ""),
        },
      );
    }
    if (Date.now() >= deadline) {
      throw new DeployError(
        "INTERNAL_ERROR",
        `Endpoint ${endpointName} was still ${status} after ${Math.round(options.timeoutMs / 1000)} s.`,
        {
          hint: `Check the container logs in CloudWatch log group ${logGroupFor(endpointName)}; raise the startup timeouts if it is still installing.`,
        },
      );
    }
    await sleep(options.intervalMs, options.signal);
  }
}

/** Polls until DescribeEndpoint says the endpoint is gone (reporting `Deleting`). */
export async function waitForGone(
  sagemaker: SageMakerClient,
  endpointName: string,
  options: PollOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string | undefined;
  for (;;) {
    const described = await describeEndpoint(sagemaker, endpointName, options.signal);
    if (!described) return;
    const status = described.EndpointStatus ?? "Unknown";
    if (status !== last) {
      last = status;
      await options.onStatus?.(status, described);
    }
    if (Date.now() >= deadline) {
      throw new DeployError(
        "INTERNAL_ERROR",
        `Endpoint ${endpointName} was still ${status} ${Math.round(options.timeoutMs / 1000)} s after DeleteEndpoint.`,
        {
          hint: "Check it in the SageMaker console and delete it there; then undeploy again to remove its model and config.",
        },
      );
    }
    await sleep(options.intervalMs, options.signal);
  }
}
