/** `make status`: one line per server, then the local deployments. A report: always exit code 0. */
import { inspectComponent, stackComponents, type Component, type ComponentState } from "./components";
import type { StackSettings } from "./config";
import { activeLocalDeployments, answersPing, describeDeployment } from "./deployments";
import { answersAsMlflow, uiMlflowStatus } from "./probe";
import { redact } from "./redact";
import { loadSdk } from "./sdk";

const LABEL_WIDTH = 12;
const line = (label: string, text: string) => `${label.padEnd(LABEL_WIDTH)} ${text}`;

export async function status(settings: StackSettings): Promise<number> {
  const { mlflow, ui } = stackComponents(settings);
  let mlflowUp: boolean;
  if (mlflow) {
    const state = await inspectComponent(mlflow);
    console.log(line(mlflow.label, describeState(mlflow, state)));
    mlflowUp = state.kind === "foreign" || (state.kind === "stack" && state.healthy);
  } else {
    mlflowUp = await answersAsMlflow(settings.mlflowUrl);
    const health = mlflowUp ? "healthy" : "not answering /health";
    console.log(line("MLflow", `external (MLFLOW_TRACKING_URI), ${redact(settings.mlflowUrl)}, ${health}`));
  }

  const uiState = await inspectComponent(ui);
  let uiLine = describeState(ui, uiState);
  const uiUrl = uiState.kind === "stack" ? uiState.url : ui.url;
  if (uiState.kind === "foreign" || (uiState.kind === "stack" && uiState.healthy)) {
    const reach = await uiMlflowStatus(uiUrl);
    if (reach)
      uiLine += reach.reachable ? `, reaches MLflow at ${reach.server}` : `, cannot reach MLflow at ${reach.server}`;
  }
  console.log(line(ui.label, uiLine));

  console.log(line("Deployments", await describeDeployments(settings, mlflowUp, uiUrl)));
  return 0;
}

function describeState(component: Component, state: ComponentState): string {
  switch (state.kind) {
    case "stack": {
      const since = new Date(state.record.startedAt).toLocaleString("sv-SE");
      const health = state.healthy ? "healthy" : `not answering ${component.healthPath}`;
      return `running, pid ${state.record.pid}, ${state.url}, ${health} (started ${since})`;
    }
    case "foreign":
      return `answering but not started by the stack (\`make dev\`?), pid unknown, ${component.url}, healthy`;
    case "blocked":
      return `not running: port ${component.port} is taken by something else, ${component.url}`;
    case "down":
      return `not running, ${component.url}`;
  }
}

async function describeDeployments(settings: StackSettings, mlflowUp: boolean, uiUrl: string): Promise<string> {
  if (!mlflowUp) return "cannot be listed: MLflow is not running (`make start`).";
  const warnings: string[] = [];
  try {
    const sdk = await loadSdk(settings, (message) => warnings.push(message));
    const deployments = await activeLocalDeployments(sdk);
    if (deployments.length === 0) return "no local deployments running.";
    const rows = await Promise.all(
      deployments.map(async (d) => {
        const note =
          d.status === "ready" ? ((await answersPing(d)) ? "answers /ping" : "NOT answering /ping") : undefined;
        return `\n  ${describeDeployment(d, uiUrl, note)}`;
      }),
    );
    return `${deployments.length} local:${rows.join("")}`;
  } catch (err) {
    return `cannot be listed: ${err instanceof Error ? err.message : String(err)}`;
  }
}
