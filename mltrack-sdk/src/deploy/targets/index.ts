/**
 * The built-in targets. Local is here directly; SageMaker and Modal load on first use, so the AWS SDK
 * is never imported by a process that does not deploy there.
 */
import type { DeployTarget, TargetName } from "../types";
import { createLocalTarget } from "./local";

const loaded = new Map<TargetName, Promise<DeployTarget>>();

/** The built-in target of that name, with its defaults (credentials and options from the environment). */
export function defaultTarget(name: TargetName): Promise<DeployTarget> {
  let target = loaded.get(name);
  if (!target) {
    target = load(name);
    loaded.set(name, target);
    target.catch(() => loaded.delete(name));
  }
  return target;
}

/** All three built-in targets (this loads the SageMaker and Modal modules). */
export async function defaultTargets(): Promise<Record<TargetName, DeployTarget>> {
  const [local, sagemaker, modal] = await Promise.all([
    defaultTarget("local"),
    defaultTarget("sagemaker"),
    defaultTarget("modal"),
  ]);
  return { local, sagemaker, modal };
}

async function load(name: TargetName): Promise<DeployTarget> {
  switch (name) {
    case "local":
      return createLocalTarget() as DeployTarget;
    case "sagemaker":
      return (await import("./sagemaker")).createSageMakerTarget() as DeployTarget;
    case "modal":
      return (await import("./modal")).createModalTarget() as DeployTarget;
  }
}
