/** `make logs`: follows the background servers' logs, each line prefixed; Ctrl-C ends only the following. */
import { existsSync } from "node:fs";
import { stackComponents } from "./components";
import { shown, type StackSettings } from "./config";
import { StackError } from "./errors";
import { followLogs } from "./log-files";

const INITIAL_LINES = 50;

export function logs(settings: StackSettings, which: string | undefined): Promise<number> {
  if (which !== undefined && which !== "mlflow" && which !== "ui") {
    throw new StackError(`logs takes mlflow, ui or nothing (both), not ${JSON.stringify(which)}.`);
  }
  // The logs of an earlier stack are worth following even while MLflow is now external.
  const { all } = stackComponents({ ...settings, externalMlflow: false });
  const chosen = all.filter((c) => which === undefined || c.name === which);
  if (!chosen.some((c) => existsSync(c.logFile))) {
    const files = chosen.map((c) => shown(c.logFile)).join(" or ");
    console.log(`No logs yet (${files}): start the stack with \`make start\`.`);
    return Promise.resolve(0);
  }
  console.error(
    `Following ${chosen.map((c) => shown(c.logFile)).join(" and ")}; Ctrl-C stops following, not the servers.`,
  );
  process.on("SIGINT", () => process.exit(0));
  process.stdout.on("error", (err: NodeJS.ErrnoException) => process.exit(err.code === "EPIPE" ? 0 : 1));
  followLogs(
    chosen.map((c) => ({ prefix: c.name, file: c.logFile })),
    INITIAL_LINES,
    (text) => process.stdout.write(text),
  );
  // Never resolves: following ends with Ctrl-C.
  return new Promise<number>(() => undefined);
}
