export { RunArtifacts } from "./components/run-artifacts";
export { artifactQueries, registeredModelQueries } from "./queries";
export {
  ArtifactEntry,
  ArtifactFileQuery,
  ArtifactFolderQuery,
  ArtifactListing,
  ArtifactPath,
  ExperimentIdParam,
  LoggedModelRoot,
  ModelCard,
  ModelIdParam,
  ModelSummary,
  RegisterModelRequest,
  RegisterModelResult,
  RegisteredModelNames,
  RegisteredModelSearchQuery,
  RunIdParam,
  RunLoggedModels,
} from "./schemas";
export { artifactFileUrl, loggedModelSource, runSource, type ArtifactSource } from "./source";
