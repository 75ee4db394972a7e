/** `mltrack deploy`, `mltrack undeploy` and `mltrack invoke`: the deploy engine from the command line. */
import { readFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { DeployEngine, defaultWorkDir } from "../../deploy/engine";
import { TARGET_NAMES, type Deployment, type DeployRequestInput } from "../../deploy/types";
import { safeText } from "../format";
import { EXIT, UsageError, clientFor, type CliIo } from "../io";

export function engineFor(io: CliIo): DeployEngine {
  return new DeployEngine({
    mlflow: clientFor(io),
    workDir: defaultWorkDir(io.env),
    warn: (message) => io.stderr(`mltrack: ${message}\n`),
  });
}

export async function deployCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      target: { type: "string", short: "t" },
      "config-json": { type: "string" },
      "no-wait": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 2) throw new UsageError("deploy needs a registered model name and a version");
  if (!values.target) throw new UsageError(`deploy needs --target (${TARGET_NAMES.join(", ")})`);
  let config: unknown;
  if (values["config-json"] !== undefined) {
    try {
      config = JSON.parse(values["config-json"]);
    } catch (err) {
      throw new UsageError(`--config-json is not JSON: ${(err as Error).message}`);
    }
  }
  const [modelName, modelVersion] = positionals as [string, string];
  const request = { target: values.target, modelName, modelVersion, ...(config === undefined ? {} : { config }) };
  const engine = engineFor(io);
  const wait = !values["no-wait"];
  const deployment = await engine.deploy(request as DeployRequestInput, { requestedBy: osUser(), wait });
  if (values.json) io.stdout(`${JSON.stringify(deployment, null, 2)}\n`);
  else io.stdout(describe(deployment));
  if (!wait) {
    // The rollout runs in this process: it ends once the server is up (or has failed).
    io.stderr(`mltrack: the rollout continues; follow it with \`mltrack deployments get ${deployment.id}\`.\n`);
  }
  return deployment.status === "failed" ? EXIT.failure : EXIT.ok;
}

export async function undeployCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError("undeploy needs exactly one deployment id");
  const deployment = await engineFor(io).undeploy(positionals[0] as string, { wait: true });
  io.stdout(describe(deployment));
  return deployment.status === "stopped" ? EXIT.ok : EXIT.failure;
}

export async function invokeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      data: { type: "string", short: "d" },
      file: { type: "string", short: "f" },
      "content-type": { type: "string", default: "application/json" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError("invoke needs exactly one deployment id");
  if ((values.data === undefined) === (values.file === undefined)) {
    throw new UsageError("invoke needs the request body: --data '<json>' or --file <path>");
  }
  const body = values.data ?? (await readFile(values.file as string, "utf8"));
  const response = await engineFor(io).invoke(positionals[0] as string, {
    body,
    contentType: values["content-type"] ?? "application/json",
  });
  if (response.status >= 200 && response.status < 300) {
    io.stdout(response.body.endsWith("\n") ? response.body : `${response.body}\n`);
    return EXIT.ok;
  }
  io.stderr(`mltrack: the scoring server answered ${response.status}:\n${response.body}\n`);
  return EXIT.failure;
}

/** id, status, URL and, for a failure, the error and its hint. */
export function describe(d: Deployment): string {
  const lines = [
    `Deployment ${d.id}: ${d.status}`,
    `  model     models:/${safeText(d.modelName)}/${d.modelVersion}`,
    `  target    ${d.target}`,
    `  url       ${d.endpointUrl ?? "-"}`,
  ];
  if (d.lastError) {
    lines.push(`  error     ${d.lastError.message.split("\n").map(safeText).join("\n            ")}`);
    if (d.lastError.hint) lines.push(`  hint      ${safeText(d.lastError.hint)}`);
  }
  return `${lines.join("\n")}\n`;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}
