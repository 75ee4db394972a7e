import "server-only";

export { deployEngine } from "./engine";
export { createDeployment, invokeDeployment, runModelVersions } from "./deployments";
export { invokeExampleOf } from "./invoke-example";
export { invokeStatsOf } from "./invoke-stats-store";
export { DeploymentsScreen } from "./deployments-screen";
export { DeploymentScreen } from "./deployment-screen";
