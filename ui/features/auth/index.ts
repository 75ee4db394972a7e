// The light, client-safe surface other features use. The sign-in form and the user menu (which load
// next-auth's client) are imported from their files by the sign-in page and the app header only.
export { ROLES, ROLE_DESCRIPTIONS, hasRole, type Role, type Viewer } from "./roles";
export { ViewerProvider, useHasRole, useViewer } from "./components/viewer-context";
