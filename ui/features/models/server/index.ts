/** Server functions for route handlers and other server code; pages import their screen from its own module. */
export { getRegisteredModel, nameFilter } from "./get-registered-model";
