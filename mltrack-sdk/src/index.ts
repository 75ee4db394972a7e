/** mltrack-sdk: the typed MLflow client, `track()`, which logs runs from user code, and the pipeline that delivers them. */
export * from "./mlflow/index";
export * from "./pipeline/index";
export {
  BUILT_IN_PRICING,
  PRICES_AS_OF,
  _testing,
  configureTracking,
  currentRun,
  flush,
  registerPricing,
  shutdown,
  track,
} from "./track/index";
export type {
  ActiveRun,
  ArtifactSource,
  ModelPricing,
  TrackDecorator,
  TrackOptions,
  TrackingDefaults,
  TrackingTarget,
} from "./track/index";
