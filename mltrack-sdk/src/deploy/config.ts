/**
 * The browser-safe part of the deploy engine (`mltrack-sdk/deploy-config`): the config schemas the
 * UI's deploy dialog renders and validates with, the record's types and `DeployError`. No Node or AWS
 * imports, so a client bundle can take it.
 */
export * from "./types";
export { DeployError, type DeployErrorCode } from "./errors";
export {
  PRICED_INSTANCE_TYPES,
  SAGEMAKER_PRICING_URL,
  hourlyCostHint,
  type HourlyCostHint,
} from "./targets/sagemaker-pricing";
