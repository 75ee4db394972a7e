/** `mltrack deployments ls|get|logs`. */
import { parseArgs } from "node:util";
import { formatTime, safeText, table, truncate } from "../format";
import { EXIT, UsageError, type CliIo } from "../io";
import { describe, engineFor } from "./deploy";

export async function deploymentsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "ls") return deploymentsLs(rest, io);
  if (sub === "get") return deploymentsGet(rest, io);
  if (sub === "logs") return deploymentsLogs(rest, io);
  throw new UsageError(
    sub === undefined
      ? "deployments needs a subcommand: ls, get or logs"
      : `unknown deployments subcommand ${JSON.stringify(sub)}`,
  );
}

async function deploymentsLs(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { model: { type: "string", short: "m" }, json: { type: "boolean", default: false } },
    allowPositionals: false,
    strict: true,
  });
  const deployments = await engineFor(io).list(values.model === undefined ? {} : { modelName: values.model });
  if (values.json) {
    io.stdout(`${JSON.stringify(deployments, null, 2)}\n`);
    return EXIT.ok;
  }
  if (deployments.length === 0) {
    io.stdout("No deployments yet: create one with `mltrack deploy <model> <version> --target local`.\n");
    return EXIT.ok;
  }
  const rows = deployments.map((d) => [
    d.id,
    truncate(`${d.modelName}/${d.modelVersion}`, 40),
    d.target,
    d.status,
    d.endpointUrl ?? "-",
    formatTime(d.createdAt),
    truncate(d.requestedBy, 20),
  ]);
  io.stdout(`${table(["ID", "MODEL/VERSION", "TARGET", "STATUS", "URL", "CREATED (UTC)", "BY"], rows)}\n`);
  return EXIT.ok;
}

async function deploymentsGet(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError("deployments get needs exactly one deployment id");
  const d = await engineFor(io).get(positionals[0] as string);
  if (values.json) {
    io.stdout(`${JSON.stringify(d, null, 2)}\n`);
    return EXIT.ok;
  }
  const events = d.events.map(
    (e) => `  ${formatTime(e.at)}  ${e.status.padEnd(8)}  ${safeText(e.message.split("\n")[0] ?? "")}`,
  );
  io.stdout(
    `${describe(d)}  by        ${safeText(d.requestedBy)}\n  created   ${formatTime(d.createdAt)}\n\nEvents\n${events.join("\n")}\n`,
  );
  return EXIT.ok;
}

async function deploymentsLogs(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError("deployments logs needs exactly one deployment id");
  const lines = await engineFor(io).logs(positionals[0] as string);
  io.stdout(lines.length ? `${lines.join("\n")}\n` : "No log lines.\n");
  return EXIT.ok;
}
