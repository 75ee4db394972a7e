/**
 * `mltrack-sdk/deploy`: the deploy engine (Node only). One registered model version to a local
 * scoring server, SageMaker or Modal, from the UI, the CLI or code:
 *
 *   import { deploy } from "mltrack-sdk/deploy";
 *   const d = await deploy({ target: "local", modelName: "iris", modelVersion: "1" });
 */
export * from "./types";
export { DeployError, type DeployErrorCode } from "./errors";
export { DeployEngine, defaultWorkDir, deploy } from "./engine";
export type { DeployEngineOptions, DeployOptions } from "./engine";
export { MAX_EVENTS, appendEvent, fieldErrors, parseDeployRequest } from "./events";
export { canonicalJson, requestKey } from "./request-key";
export { DEPLOYMENT_TAG_PREFIX, DeploymentStore, deploymentTagKey, parseDeploymentTags } from "./store";
export { assertHasMlmodel, downloadModelVersion, locateModelVersion } from "./model-files";
export type { ModelLocation, VersionRef } from "./model-files";
export { resolvePythonTool } from "./python-bin";
export type { PythonTool } from "./python-bin";
export { invokeScoringServer, waitForPing } from "./scoring";
export type { WaitForPingOptions } from "./scoring";
export { defaultTarget, defaultTargets } from "./targets/index";
export { createLocalTarget } from "./targets/local";
export type { LocalRuntime, LocalTargetOptions } from "./targets/local";
