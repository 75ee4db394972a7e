/**
 * `make dev`: MLflow on SQLite under ./.mltrack/ (unless MLFLOW_TRACKING_URI names a server to use)
 * and the UI in development mode, printed as two URLs and stopped together by Ctrl-C.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { startMlflowServer, type MlflowServer } from "./lib/mlflow-server";
import { repoRoot } from "./lib/paths";
import { startUiServer, type UiServer } from "./lib/ui-server";
import { sqliteFile } from "./stack/config";

const envFile = path.join(repoRoot, ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);

const external = process.env.MLFLOW_TRACKING_URI;
// Validates the whole configuration first, naming every bad value, and supplies the defaults.
const { env } = await import("../ui/lib/env").catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

let mlflow: MlflowServer | undefined;
let ui: UiServer | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.allSettled([ui?.stop(), mlflow?.stop()]);
  }
  process.exit(code);
}
// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and a
// second signal without a handler would end it before MLflow and the UI are stopped.
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  let mlflowUrl = env.MLFLOW_TRACKING_URI;
  if (external) {
    console.log(`Using the MLflow server at ${new URL(external).origin} (MLFLOW_TRACKING_URI); starting none.`);
  } else {
    const { hostname, port } = new URL(env.MLFLOW_TRACKING_URI);
    console.log("Starting MLflow (SQLite, artifacts under ./.mltrack/)...");
    mlflow = await startMlflowServer({ dataDir: path.join(repoRoot, ".mltrack"), host: hostname, port: Number(port) });
    mlflowUrl = mlflow.url;
    void mlflow.process.exited.then((code) => {
      if (stopping) return;
      console.error(`MLflow exited (${code}):\n${mlflow?.process.logTail()}`);
      void shutdown(1);
    });
  }
  console.log("Starting the UI (development mode)...");
  // The UI runs in ui/; a relative SQLite store path means the repository root, as for `make start`.
  const authStore = sqliteFile(env.MLTRACK_AUTH_STORE_URL);
  ui = await startUiServer({
    mlflowUrl,
    port: env.PORT,
    dev: true,
    echo: true,
    ...(authStore ? { env: { MLTRACK_AUTH_STORE_URL: `sqlite:${authStore}` } } : {}),
  });
  void ui.process.exited.then((code) => {
    if (!stopping) {
      console.error(`The UI exited (${code}).`);
      void shutdown(1);
    }
  });
  console.log(
    `\n  MLTrack UI   ${ui.url}\n  MLflow       ${mlflowUrl}${mlflow ? " (embedded)" : ""}\n\n  Ctrl-C stops ${mlflow ? "both" : "the UI"}.\n`,
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}
