export { getRegisteredModel, nameFilter } from "./get-registered-model";
export { RegisteredModelScreen } from "./registered-model-screen";
