import "server-only";

export { deploymentsFor } from "./access";
export { createDeployment, runModelVersions } from "./deployments";
export { invokeDeployment } from "./invoke";
export { registerInvokeRoute } from "./invoke-route";
export { invokeExampleOf } from "./invoke-example";
export { invokeStatsOf } from "./invoke-stats-store";
export { DeploymentsScreen } from "./deployments-screen";
export { DeploymentScreen } from "./deployment-screen";
