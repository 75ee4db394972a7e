export { ROLES, ROLE_DESCRIPTIONS, hasRole, type Role, type Viewer } from "./roles";
export { ViewerProvider, useHasRole, useViewer } from "./components/viewer-context";
export { UserMenu } from "./components/user-menu";
export { SignInForm } from "./components/sign-in-form";
