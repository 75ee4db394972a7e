/**
 * `make mlflow-clean`: deletes MLflow's local data (the SQLite database and the artifacts folder) and
 * team mode's SQLite auth store when it lives there, after asking. Logs and pid files stay.
 */
import { existsSync, lstatSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { askYesNo } from "./ask";
import { stackComponents } from "./components";
import { shown, type StackSettings } from "./config";
import { StackError } from "./errors";
import { readPidFile } from "./pid-file";
import { findProcesses } from "./proc";

export async function mlflowClean(settings: StackSettings, args: readonly string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== "--yes" && arg !== "-y");
  if (unknown.length) throw new StackError(`mlflow-clean takes only --yes, not ${unknown.join(" ")}.`);
  const yes = unknown.length < args.length;

  refuseWhileRunning(settings);
  const targets = dataFiles(settings);
  if (targets.length === 0) {
    console.log(`Nothing to delete: no MLflow data in ${shown(settings.dataDir)}.`);
    return 0;
  }
  const listing = targets.map((t) => `${shown(t.path)}${t.dir ? "/" : ""} (${formatBytes(t.bytes)})`).join(", ");
  if (!yes) {
    if (!process.stdin.isTTY) {
      console.error(
        `Not deleting ${listing}: there is no terminal to ask on. Pass --yes (make mlflow-clean YES=1) to delete without asking.`,
      );
      return 1;
    }
    if (!(await askYesNo(`Delete ${listing}? [y/N] `))) {
      console.log("Kept everything.");
      return 0;
    }
    refuseWhileRunning(settings);
  }
  for (const target of targets) {
    rmSync(target.path, { recursive: true, force: true });
    console.log(`Deleted ${shown(target.path)}${target.dir ? "/" : ""} (${formatBytes(target.bytes)})`);
  }
  const total = targets.reduce((sum, t) => sum + t.bytes, 0);
  console.log(`${formatBytes(total)} freed. \`make start\` begins with an empty MLflow.`);
  return 0;
}

/** An MLflow on this database would keep writing to a deleted file. */
function refuseWhileRunning(settings: StackSettings): void {
  const pids = findProcesses(["server", `sqlite:///${settings.mlflowDb}`]);
  if (pids.length === 0) return;
  const { mlflow } = stackComponents(settings);
  const stackPid = mlflow ? readPidFile(mlflow.pidFile)?.pid : undefined;
  const ofStack = stackPid !== undefined && pids.includes(stackPid);
  throw new StackError(
    `MLflow (pid ${ofStack ? stackPid : pids.join(", ")}) is running on ${shown(settings.mlflowDb)}: ${
      ofStack ? "`make stop` first" : "stop it first (`make dev` in another terminal?)"
    }. Nothing was deleted.`,
  );
}

interface Target {
  path: string;
  dir: boolean;
  bytes: number;
}

function dataFiles(settings: StackSettings): Target[] {
  const sqlite = (file: string) => ["", "-wal", "-shm", "-journal"].map((suffix) => `${file}${suffix}`);
  const candidates = [...sqlite(settings.mlflowDb), settings.artifactsDir];
  const store = settings.authStoreFile;
  if (store && isInside(store, settings.dataDir)) candidates.push(...sqlite(store));
  return candidates
    .filter((file) => existsSync(file))
    .map((file) => ({
      path: file,
      dir: lstatSync(file).isDirectory(),
      bytes: sizeOf(file),
    }));
}

const isInside = (file: string, dir: string) => {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
};

/** Bytes of a file, or of everything under a folder (links not followed). */
function sizeOf(file: string): number {
  const stat = lstatSync(file);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(file).reduce((sum, entry) => sum + sizeOf(path.join(file, entry)), 0);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
