/** `mltrack <command>`: argument dispatch, usage and exit codes (0 done, 1 failed, 2 bad input). */
import { MlflowError, MltrackConfigError } from "../mlflow/errors";
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

Environment:
  MLFLOW_TRACKING_URI        the MLflow server (default http://127.0.0.1:5000)
  MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN
  MLTRACK_SPOOL_DIR          the spool (default ~/.mltrack/spool)
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
