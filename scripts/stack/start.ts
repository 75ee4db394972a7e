/**
 * `make start`: MLflow and the production UI in the background. Reuses what already runs: the
 * stack's own servers, or MLflow and an MLTrack UI someone else started on the configured ports.
 * Checks both ports before starting anything; starts what is missing side by side (the UI does not
 * need MLflow up to start, it reports it unreachable until it is).
 */
import { mkdirSync } from "node:fs";
import {
  blockedMessage,
  inspectComponent,
  logName,
  stackComponents,
  type Component,
  type ComponentState,
} from "./components";
import { shown, type StackSettings } from "./config";
import { StackError } from "./errors";
import { launch, mlflowCommand, uiCommand } from "./launch";
import { removePidFile } from "./pid-file";
import { answersAsMlflow, uiMlflowStatus } from "./probe";
import { redact } from "./redact";

export async function start(settings: StackSettings): Promise<number> {
  mkdirSync(settings.runDir, { recursive: true });
  mkdirSync(settings.logDir, { recursive: true });
  const { mlflow, all } = stackComponents(settings);
  const states = await Promise.all(all.map(async (c) => ({ component: c, state: await inspectComponent(c) })));
  const blocked = states.filter(({ state }) => state.kind === "blocked").map(({ component }) => component);
  if (blocked.length) throw new StackError(blocked.map(blockedMessage).join("\n"));

  const mlflowState = states.find(({ component }) => component === mlflow)?.state;
  const mlflowUrl = mlflowState?.kind === "stack" ? mlflowState.url : settings.mlflowUrl;
  if (!mlflow) {
    const healthy = await answersAsMlflow(settings.mlflowUrl);
    console.log(
      `MLflow: using ${redact(settings.mlflowUrl)} (MLFLOW_TRACKING_URI); starting none.${healthy ? "" : " It does not answer /health right now."}`,
    );
  }
  for (const { component, state } of states) reportRunning(component, state);

  // Every command first: a missing build or .venv fails before anything starts.
  const plans = states.flatMap(({ component, state }) => {
    if (state.kind !== "down") return [];
    const command =
      component.name === "mlflow"
        ? mlflowCommand(settings, component.host, component.port)
        : uiCommand(settings, mlflowUrl);
    return [{ component, command, stale: state.stalePidFile }];
  });
  const launches = plans.map(({ component, command, stale }) => {
    if (stale) removePidFile(component.pidFile);
    console.log(`${component.label}: starting on ${component.url} (log: ${logName(component)})...`);
    return launch(component, command).then((record) => {
      console.log(`${component.label}: running (pid ${record.pid}).`);
      return component;
    });
  });
  const results = await Promise.allSettled(launches);
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  if (failures.length) {
    const running = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.label] : []));
    const note = running.length ? `\n${running.join(" and ")} keeps running: \`make stop\` stops it.` : "";
    throw new StackError(`${failures.map((f) => (f instanceof Error ? f.message : String(f))).join("\n\n")}${note}`);
  }

  const uiState = states.find(({ component }) => component.name === "ui")?.state;
  const uiUrl = uiState?.kind === "stack" ? uiState.url : settings.uiUrl;
  if (uiState?.kind !== "down") await checkUiMlflow(uiUrl, mlflowUrl);
  console.log(`\n  MLTrack UI   ${uiUrl}\n  MLflow       ${redact(mlflowUrl)}\n`);
  console.log(`  Logs: make logs (${shown(settings.logDir)}). Stop: make stop.`);
  return 0;
}

function reportRunning(component: Component, state: ComponentState): void {
  if (state.kind === "stack") {
    const moved =
      state.record.port !== component.port ? ` (not on ${component.port}: stop and start it to move it)` : "";
    const health = state.healthy ? "" : `, but not answering ${component.healthPath}: see ${logName(component)}`;
    console.log(`${component.label}: already running (pid ${state.record.pid}) at ${state.url}${moved}${health}.`);
  } else if (state.kind === "foreign") {
    console.log(
      `${component.label}: ${component.url} already answers, not started by the stack (\`make dev\`?); using it.`,
    );
  }
}

/** A UI that was already running may talk to another MLflow than the configured one. */
async function checkUiMlflow(uiUrl: string, mlflowUrl: string): Promise<void> {
  const status = await uiMlflowStatus(uiUrl);
  if (!status) return;
  if (status.server !== new URL(mlflowUrl).origin) {
    console.warn(`Note: the UI at ${uiUrl} talks to MLflow at ${status.server}, not ${redact(mlflowUrl)}.`);
  } else if (!status.reachable) {
    console.warn(`Note: the UI at ${uiUrl} cannot reach MLflow at ${status.server}.`);
  }
}
