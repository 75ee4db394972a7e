import "server-only";

export { artifactFileResponse, artifactHeaders, contentDisposition } from "./artifact-file";
export { listArtifactDirectory } from "./list-artifacts";
export { listRunLoggedModels } from "./logged-models";
export { getModelCard } from "./model-card";
export { registerModel } from "./register-model";
export { searchRegisteredModelNames } from "./registered-model-names";
