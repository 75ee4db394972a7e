export { DeployButton } from "./components/deploy-dialog";
export { RunDeployButton } from "./components/run-deploy-button";
export { deploymentQueries } from "./queries";
export {
  Deployment,
  DeploymentId,
  DeploymentIdParams,
  DeploymentList,
  DeploymentListQuery,
  DeploymentLogs,
  InvokeExample,
  InvokeStats,
  RedeployBody,
  RunModelVersions,
  RunModelVersionsQuery,
  VariantWeights,
} from "./schemas";
export { deploymentsHref } from "./search-params";
