export { ModelsSkeleton } from "./components/models-skeleton";
export { ModelsView } from "./components/models-view";
export { ModelVersionActions } from "./components/model-version-actions";
export { RegisteredModelView, type RegisteredModelViewProps } from "./components/registered-model-view";
export { modelQueries } from "./queries";
export {
  DEPLOYMENT_TAG_PREFIX,
  descriptionFirstLine,
  isHiddenRegistryTag,
  isPrompt,
  registryTagKeyProblem,
  visibleRegistryTags,
  type RegistryTag,
} from "./registry-tags";
export {
  DeleteModelAliasQuery,
  DeleteRegistryTagQuery,
  ModelVersionSummary,
  RegisteredModelDetail,
  RegisteredModelListPage,
  RegisteredModelListQuery,
  RegisteredModelNameQuery,
  RegisteredModelSummary,
  SetModelAliasBody,
  SetRegistryTagBody,
  UpdateDescriptionBody,
} from "./schemas";
export {
  modelHref,
  parseModelListView,
  parseSelectedVersion,
  versionAnchor,
  type ModelListView,
} from "./search-params";
export { prepareVersionMetrics, type VersionMetricsTable } from "./version-metrics";
