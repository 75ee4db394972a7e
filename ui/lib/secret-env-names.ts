/**
 * The server variables whose values are secrets: never in a client bundle, a page, an API answer or
 * a log line. tests/e2e/security.spec.ts starts a UI with a fresh value in each and searches
 * everything the browser receives and everything the server logs. env.test.ts keeps this list in
 * step with the schema. No imports: the test loads it outside the app.
 */
export const SECRET_ENV_NAMES = [
  "MLFLOW_TRACKING_PASSWORD",
  "MLFLOW_TRACKING_TOKEN",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "MODAL_TOKEN_SECRET",
  "NEXTAUTH_SECRET",
  "MLTRACK_GITHUB_CLIENT_SECRET",
  // A PostgreSQL URL carries its password.
  "MLTRACK_AUTH_STORE_URL",
] as const;
