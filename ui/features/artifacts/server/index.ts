import "server-only";

export { artifactFileResponse, artifactHeaders, contentDisposition, readArtifactText } from "./artifact-file";
export { listArtifactDirectory } from "./list-artifacts";
export { listRunLoggedModels } from "./logged-models";
export { getModelCard } from "./model-card";
export { MlmodelParseError, summarizeMlmodel } from "./mlmodel-summary";
export { registerModel } from "./register-model";
export { searchRegisteredModelNames } from "./registered-model-names";
