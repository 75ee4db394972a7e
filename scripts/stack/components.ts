/**
 * The stack's two servers, and what each one's port holds right now: the stack's own process, a
 * server someone else started (`make dev` in another terminal), something that is not ours, or nothing.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { shown, MLFLOW_PORT_SETTING, type StackSettings } from "./config";
import { readPidFile, type PidRecord } from "./pid-file";
import { portIsFree } from "../lib/ports";
import { answersAsMlflow, answersAsMltrack } from "./probe";
import { isStackProcess } from "./proc";

export type ComponentName = "mlflow" | "ui";

export interface Component {
  name: ComponentName;
  label: string;
  url: string;
  host: string;
  port: number;
  /** What its port must answer for it to count as up. */
  answers(url: string): Promise<boolean>;
  healthPath: string;
  pidFile: string;
  logFile: string;
  /** Arguments the stack's process of this component has on its command line. */
  signature(port: number): string[];
  /** How to move it to another port. */
  portHint: string;
}

export type ComponentState =
  | { kind: "stack"; record: PidRecord; url: string; healthy: boolean }
  | { kind: "foreign" }
  | { kind: "blocked" }
  | { kind: "down"; stalePidFile: boolean };

export interface StackComponents {
  /** Absent when MLFLOW_TRACKING_URI names an external MLflow. */
  mlflow: Component | undefined;
  ui: Component;
  /** MLflow (when the stack runs it), then the UI: the order they start in. */
  all: Component[];
}

export function stackComponents(settings: StackSettings): StackComponents {
  const mlflow: Component = {
    name: "mlflow",
    label: "MLflow",
    url: settings.mlflowUrl,
    host: new URL(settings.mlflowUrl).hostname,
    port: settings.mlflowPort,
    answers: answersAsMlflow,
    healthPath: "/health",
    pidFile: path.join(settings.runDir, "mlflow.pid"),
    logFile: path.join(settings.logDir, "mlflow.log"),
    signature: (port) => ["server", `sqlite:///${settings.mlflowDb}`, "--port", String(port)],
    portHint: `set ${MLFLOW_PORT_SETTING} to start it on another port, or MLFLOW_TRACKING_URI to use an MLflow server that is already running`,
  };
  const ui: Component = {
    name: "ui",
    label: "UI",
    url: settings.uiUrl,
    host: "127.0.0.1",
    port: settings.uiPort,
    answers: answersAsMltrack,
    healthPath: "/api/health",
    pidFile: path.join(settings.runDir, "ui.pid"),
    logFile: path.join(settings.logDir, "ui.log"),
    signature: () => [settings.uiServerJs],
    portHint: "set PORT to another port",
  };
  return settings.externalMlflow ? { mlflow: undefined, ui, all: [ui] } : { mlflow, ui, all: [mlflow, ui] };
}

export function componentUrl(component: Component, port: number): string {
  const url = new URL(component.url);
  url.port = String(port);
  return url.origin;
}

export async function inspectComponent(component: Component): Promise<ComponentState> {
  const record = readPidFile(component.pidFile);
  if (record && isStackProcess(record.pid, component.signature(record.port))) {
    const url = componentUrl(component, record.port);
    return { kind: "stack", record, url, healthy: await component.answers(url) };
  }
  const stalePidFile = existsSync(component.pidFile);
  if (await component.answers(component.url)) return { kind: "foreign" };
  if (!(await portIsFree(component.port, component.host))) return { kind: "blocked" };
  return { kind: "down", stalePidFile };
}

export function blockedMessage(component: Component): string {
  const what = component.name === "mlflow" ? "MLflow" : "MLTrack";
  return `Port ${component.port} (${component.label}, ${component.url}) is taken by something that is not ${what}: stop it, or ${component.portHint}.`;
}

export const logName = (component: Component): string => shown(component.logFile);
