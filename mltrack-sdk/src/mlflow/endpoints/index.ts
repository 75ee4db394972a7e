/** Every MLflow endpoint MLTrack speaks, grouped as the client exposes them. */
import { artifactProxy, artifacts } from "./artifacts";
import { experimentPermissions, registeredModelPermissions, users } from "./auth";
import { experiments } from "./experiments";
import { loggedModels } from "./logged-models";
import { modelVersions, registeredModels } from "./registry";
import { metrics, runs } from "./runs";
import { server } from "./server";

export const endpoints = {
  experiments,
  runs,
  metrics,
  artifacts,
  artifactProxy,
  registeredModels,
  modelVersions,
  loggedModels,
  server,
  users,
  experimentPermissions,
  registeredModelPermissions,
};

export type Endpoints = typeof endpoints;
export type { ArtifactPathFields, Endpoint, HttpMethod, JsonEndpoint, RawEndpoint, RetryPolicy } from "./spec";
export type { MetricInput } from "./runs";
