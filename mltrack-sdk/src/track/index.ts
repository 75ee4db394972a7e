/** `mltrack-sdk`'s `track()`: runs logged from user code. */
export { configureTracking, track } from "./track";
export type { TrackDecorator, TrackingDefaults, TrackOptions } from "./track";
export { currentRun } from "./context";
export type { ActiveRun } from "./context";
export { flush, shutdown } from "./lifecycle";
export { BUILT_IN_PRICING, PRICES_AS_OF, registerPricing } from "./pricing";
export type { ModelPricing } from "./pricing";
export type { TrackingTarget } from "./tracker";
export type { ArtifactSource } from "./artifacts";
export { _testing } from "./testing";
