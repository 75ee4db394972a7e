/** `mltrack <command>`: argument dispatch, usage and exit codes (0 done, 1 failed, 2 bad input). */
import { DeployError } from "../deploy/errors";
import { MlflowError, MltrackConfigError } from "../mlflow/errors";
import { deployCommand, invokeCommand, undeployCommand } from "./commands/deploy";
import { deploymentsCommand } from "./commands/deployments";
import { runsCommand } from "./commands/runs";
import { syncCommand } from "./commands/sync";
import { EXIT, UsageError, type CliIo } from "./io";

export const USAGE = `Usage: mltrack <command> [options]

Commands:
  sync [--spool-dir <dir>] [--wait <seconds>]
      Send the batches spooled while MLflow was unreachable (creating first, never twice, the runs
      that started then), then say what was sent and what remains; gives up once MLflow has failed
      for --wait seconds (default 10).
  runs ls --experiment <name|id> [--max <n>] [--json]
      An experiment's runs, newest first (default 50, at most 50000).
  runs get <run-id> [--json]
      A run: status, times, params, latest metrics and tags.
  deploy <model> <version> --target local|sagemaker|modal [--config-json '<json>'] [--no-wait] [--json]
      Deploys a registered model version and waits until it is ready (prints id, status and URL);
      --no-wait prints the new deployment at once (the rollout still runs in this process).
  deployments ls [--model <name>] [--json]
      Every deployment (or one registered model's), newest first.
  deployments get <id> [--json]
      A deployment: status, URL, error and the steps it went through.
  deployments logs <id>
      The last 200 lines of its server's log.
  invoke <id> --data '<json>' | --file <path> [--content-type <type>]
      Sends a request to the deployment's /invocations and prints the response body
      (default content type application/json; text/csv works too).
  undeploy <id>
      Stops the deployment and waits until everything it started is gone.

Environment:
  MLFLOW_TRACKING_URI        the MLflow server (default http://127.0.0.1:5000)
  MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN
  MLTRACK_SPOOL_DIR          the spool (default ~/.mltrack/spool)
  MLTRACK_DEPLOY_DIR         deployments' files and logs (default ~/.mltrack/deployments)
  MLTRACK_VENV               the virtualenv whose mlflow serves local deployments (default the nearest .venv)
`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr(USAGE);
        return EXIT.usage;
      case "help":
      case "-h":
      case "--help":
        io.stdout(USAGE);
        return EXIT.ok;
      case "sync":
        return await syncCommand(rest, io);
      case "runs":
        return await runsCommand(rest, io);
      case "deploy":
        return await deployCommand(rest, io);
      case "deployments":
        return await deploymentsCommand(rest, io);
      case "invoke":
        return await invokeCommand(rest, io);
      case "undeploy":
        return await undeployCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`mltrack: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof MltrackConfigError) {
      io.stderr(`mltrack: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof DeployError) {
      io.stderr(`mltrack: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`);
      return error.code === "INVALID_PARAMETER_VALUE" ? EXIT.usage : EXIT.failure;
    }
    if (error instanceof MlflowError) {
      io.stderr(`mltrack: ${error.message} (${error.errorCode})\n`);
      return EXIT.failure;
    }
    throw error;
  }
}

/** node:util parseArgs reports bad input as TypeErrors with ERR_PARSE_ARGS_* codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}
