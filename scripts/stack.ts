/**
 * The background stack: `make start|status|logs|stop|mlflow-clean` and `make demo`'s page list.
 *
 *   tsx scripts/stack.ts start | status | logs [mlflow|ui] | stop | mlflow-clean [--yes] | urls
 *
 * MLflow (SQLite and artifacts in MLTRACK_DATA_DIR, default ./.mltrack, as `make dev`) and the
 * production UI run as detached process groups that outlive the command; their pid files are in
 * <data>/run and their logs in <data>/logs. Ports: PORT for the UI; MLflow's comes from
 * MLFLOW_TRACKING_URI's default, or MLTRACK_STACK_MLFLOW_PORT. A set MLFLOW_TRACKING_URI means an
 * MLflow of someone else's: the stack starts none. Code under scripts/stack/.
 */
import { stackSettings } from "./stack/config";
import { StackError } from "./stack/errors";
import { logs } from "./stack/logs";
import { mlflowClean } from "./stack/mlflow-clean";
import { start } from "./stack/start";
import { status } from "./stack/status";
import { stop } from "./stack/stop";
import { urls } from "./stack/urls";

const USAGE = "Usage: tsx scripts/stack.ts start | status | logs [mlflow|ui] | stop | mlflow-clean [--yes] | urls";

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const noArgs = () => {
    if (rest.length) throw new StackError(`${command} takes no arguments.\n${USAGE}`);
  };
  switch (command) {
    case "start":
      noArgs();
      return start(await stackSettings());
    case "status":
      noArgs();
      return status(await stackSettings());
    case "logs":
      if (rest.length > 1) throw new StackError(USAGE);
      return logs(await stackSettings(), rest[0]);
    case "stop":
      noArgs();
      return stop(await stackSettings());
    case "mlflow-clean":
      return mlflowClean(await stackSettings(), rest);
    case "urls":
      noArgs();
      return urls(await stackSettings());
    default:
      console.error(command === undefined ? USAGE : `Unknown command ${JSON.stringify(command)}.\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StackError ? err.message : err);
    process.exit(1);
  },
);
