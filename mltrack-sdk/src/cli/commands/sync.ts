/** `mltrack sync`: replays the spool for the configured server and reports what was sent and what is left. */
import { parseArgs } from "node:util";
import { redactUrl } from "../../mlflow/config";
import { createLogPipeline } from "../../pipeline/pipeline";
import {
  inspectSpoolFile,
  isAlive,
  listSpoolFiles,
  resolveSpoolDir,
  serverKey,
  type SpoolFileSummary,
} from "../../pipeline/spool";
import { EXIT, UsageError, describeServer, trackingUri, type CliIo } from "../io";

export async function syncCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { "spool-dir": { type: "string" }, wait: { type: "string" } },
    allowPositionals: false,
    strict: true,
  });
  const dir = resolveSpoolDir(values["spool-dir"], io.env);
  const waitSeconds = values.wait === undefined ? 10 : Number(values.wait);
  if (values.wait !== undefined && (!/^\d+(\.\d+)?$/.test(values.wait.trim()) || waitSeconds > 3600)) {
    throw new UsageError(`--wait must be a number of seconds from 0 to 3600, got ${JSON.stringify(values.wait)}`);
  }
  const pipeline = createLogPipeline({
    trackingUri: trackingUri(io),
    env: io.env,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    spoolDir: dir,
    replaySpoolOnStart: false,
    spoolAfterMs: waitSeconds * 1000,
    logger: { warn: (message) => io.stderr(`${message}\n`) },
  });
  const server = describeServer(io);
  const report = await pipeline.replaySpool();
  await pipeline.shutdown();

  const lines: string[] = [];
  if (report.replayedBatches > 0) {
    lines.push(
      `Sent ${report.replayedEntries} entries (metric points, params and tags) in ${report.replayedBatches} batches from ${report.completedFiles} spool file(s) to ${server}.`,
    );
  }
  if (report.createdRuns > 0) {
    lines.push(
      `Created ${report.createdRuns} run(s) that were started while MLflow was unreachable (each found first by its client run id, so never twice).`,
    );
  }
  if (report.refusedEntries > 0) {
    lines.push(
      `MLflow refused ${report.refusedEntries} entries as invalid; they were dropped (see the warning above).`,
    );
  }

  const key = serverKey(pipeline.trackingUri);
  const remaining = listSpoolFiles(dir).map(inspectSpoolFile);
  const mine = remaining.filter((f) => f.serverKey === key && f.trackingUri === pipeline.trackingUri);
  const held = mine.filter((f) => f.holder !== null && f.holder !== process.pid && isAlive(f.holder));
  const left = mine.filter((f) => !held.includes(f));
  const others = remaining.filter((f) => !mine.includes(f));

  if (left.length > 0) {
    lines.push(
      `Left for ${server}: ${describe(left)}${report.lastError ? `; MLflow did not take them (${report.lastError})` : ""}. Run \`mltrack sync\` again once it answers.`,
    );
  }
  if (held.length > 0) {
    const pids = [...new Set(held.map((f) => f.holder))].join(", ");
    lines.push(`Held by running process(es) ${pids}, which send them themselves: ${describe(held)}.`);
  }
  const byServer = new Map<string, SpoolFileSummary[]>();
  for (const file of others) {
    const uri = file.trackingUri ?? "an unknown server";
    byServer.set(uri, [...(byServer.get(uri) ?? []), file]);
  }
  for (const [uri, files] of byServer) {
    lines.push(
      `For another server, ${redactUrl(uri)}: ${describe(files)} (run \`MLFLOW_TRACKING_URI=${redactUrl(uri)} mltrack sync\`).`,
    );
  }
  if (lines.length === 0) lines.push(`Nothing to send: the spool (${dir}) holds nothing for ${server}.`);
  else if (left.length === 0 && held.length === 0) lines.push(`Nothing left in the spool (${dir}) for ${server}.`);
  io.stdout(`${lines.join("\n")}\n`);
  return left.length > 0 ? EXIT.failure : EXIT.ok;
}

function describe(files: readonly SpoolFileSummary[]): string {
  const batches = files.reduce((sum, f) => sum + f.batches, 0);
  const entries = files.reduce((sum, f) => sum + f.entries, 0);
  return `${entries} entries in ${batches} batches (${files.length} file${files.length === 1 ? "" : "s"})`;
}
