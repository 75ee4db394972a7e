/** `mltrack runs ls` and `mltrack runs get`. */
import { parseArgs } from "node:util";
import type { MlflowClient } from "../../mlflow/client";
import { MlflowBadRequestError, MlflowNotFoundError } from "../../mlflow/errors";
import type { Experiment, Run } from "../../mlflow/types";
import { LIMITS } from "../../mlflow/validation";
import { formatDuration, formatNumber, formatTime, safeText, table, truncate } from "../format";
import { EXIT, UsageError, clientFor, describeServer, type CliIo } from "../io";

const DEFAULT_MAX = 50;

export async function runsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "ls") return runsLs(rest, io);
  if (sub === "get") return runsGet(rest, io);
  throw new UsageError(
    sub === undefined ? "runs needs a subcommand: ls or get" : `unknown runs subcommand ${JSON.stringify(sub)}`,
  );
}

async function runsLs(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      experiment: { type: "string", short: "e" },
      max: { type: "string" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (!values.experiment?.trim()) throw new UsageError("runs ls needs --experiment <name|id>");
  const max = parseMax(values.max);
  const mlflow = clientFor(io);
  const experiment = await findExperiment(mlflow, values.experiment.trim(), io);
  if (!experiment) return EXIT.failure;

  const runs: Run[] = [];
  let more = false;
  for await (const run of mlflow.runs.searchAll({
    experimentIds: [experiment.experimentId],
    orderBy: ["attributes.start_time DESC"],
    maxResults: Math.min(max + 1, 1000),
  })) {
    if (runs.length === max) {
      more = true;
      break;
    }
    runs.push(run);
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(runs, null, 2)}\n`);
    return EXIT.ok;
  }
  const name = `${JSON.stringify(safeText(experiment.name))} (id ${experiment.experimentId})`;
  if (runs.length === 0) {
    io.stdout(`No runs in experiment ${name} yet: log one with track() or mlflow.start_run().\n`);
    return EXIT.ok;
  }
  const rows = runs.map((run) => [
    run.info.runId,
    truncate(run.info.runName, 40),
    run.info.status,
    formatTime(run.info.startTime),
    formatDuration(run.info.startTime, run.info.endTime),
  ]);
  io.stdout(`${table(["RUN ID", "NAME", "STATUS", "STARTED (UTC)", "DURATION"], rows)}\n`);
  io.stdout(
    `\n${runs.length} run${runs.length === 1 ? "" : "s"} of experiment ${name}${more ? `, newest first; more exist (--max ${Math.min(max * 2, LIMITS.searchMaxResults)})` : ""}.\n`,
  );
  return EXIT.ok;
}

async function runsGet(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError("runs get needs exactly one run ID");
  const runId = positionals[0] as string;
  let run: Run;
  try {
    run = await clientFor(io).runs.get({ runId });
  } catch (error) {
    if (error instanceof MlflowNotFoundError) {
      io.stderr(`mltrack: no run ${JSON.stringify(safeText(runId))} at ${describeServer(io)}.\n`);
      return EXIT.failure;
    }
    if (error instanceof MlflowBadRequestError)
      throw new UsageError(`${JSON.stringify(runId)} is not a run ID: ${error.message}`);
    throw error;
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(run, null, 2)}\n`);
    return EXIT.ok;
  }
  const { info, data } = run;
  const out: string[] = [
    `Run ${info.runId}${info.runName ? `  ${safeText(info.runName)}` : ""}`,
    table(
      ["", ""],
      [
        ["status", info.status],
        ["experiment", info.experimentId],
        ["started", formatTime(info.startTime)],
        ["ended", formatTime(info.endTime)],
        ["duration", formatDuration(info.startTime, info.endTime)],
        ["user", info.userId || "-"],
        ["artifacts", info.artifactUri || "-"],
      ],
    )
      .split("\n")
      .slice(1)
      .map((line) => `  ${line}`)
      .join("\n"),
  ];
  const params = Object.entries(data.params).sort(([a], [b]) => a.localeCompare(b));
  out.push(
    "",
    section(
      `Params (${params.length})`,
      ["KEY", "VALUE"],
      params.map(([k, v]) => [k, truncate(v, 100)]),
    ),
  );
  const metrics = Object.values(data.metrics).sort((a, b) => a.key.localeCompare(b.key));
  out.push(
    "",
    section(
      `Metrics, latest value (${metrics.length})`,
      ["KEY", "VALUE", "STEP", "TIMESTAMP (UTC)"],
      metrics.map((m) => [m.key, formatNumber(m.value), String(m.step), formatTime(m.timestamp)]),
    ),
  );
  const tags = Object.entries(data.tags).sort(([a], [b]) => a.localeCompare(b));
  out.push(
    "",
    section(
      `Tags (${tags.length})`,
      ["KEY", "VALUE"],
      tags.map(([k, v]) => [k, truncate(v, 100)]),
    ),
  );
  io.stdout(`${out.join("\n")}\n`);
  return EXIT.ok;
}

function section(title: string, header: string[], rows: string[][]): string {
  if (rows.length === 0) return `${title}\n  (none)`;
  return `${title}\n${table(header, rows)
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n")}`;
}

function parseMax(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > LIMITS.searchMaxResults) {
    throw new UsageError(
      `--max must be a whole number from 1 to ${LIMITS.searchMaxResults}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/** By ID when it looks like one and exists, else by name; undefined (reported) when neither. */
async function findExperiment(mlflow: MlflowClient, ref: string, io: CliIo): Promise<Experiment | undefined> {
  if (/^\d+$/.test(ref)) {
    try {
      return await mlflow.experiments.get({ experimentId: ref });
    } catch (error) {
      if (!(error instanceof MlflowNotFoundError)) throw error;
    }
  }
  try {
    return await mlflow.experiments.getByName({ experimentName: ref });
  } catch (error) {
    if (!(error instanceof MlflowNotFoundError)) throw error;
  }
  io.stderr(
    `mltrack: no experiment named ${/^\d+$/.test(ref) ? "or numbered " : ""}${JSON.stringify(safeText(ref))} at ${describeServer(io)}.\n`,
  );
  return undefined;
}
