/** Server functions for route handlers and other server code; pages import their screen from its own module. */
export { getRegisteredModel, versionNameFilter } from "./get-registered-model";
export { listRegisteredModels } from "./list-registered-models";
export {
  deleteModelAlias,
  deleteRegistryTag,
  setModelAlias,
  setRegistryTag,
  updateDescription,
} from "./manage-registered-model";
