/** mltrack-sdk: the typed MLflow client, and `track()`, which logs runs from user code. */
export * from "./mlflow/index";
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
