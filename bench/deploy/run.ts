/**
 * bench/deploy: the local target, from the user's click to a model that answers, and what the UI's
 * invoke route adds to a prediction's latency.
 *
 * Ready: in headless Chromium on the run page of a real scikit-learn model version, from the click on
 * the dialog's Deploy until its progress shows `ready`; beside it, MLflow's own way to the same
 * point, `mlflow models serve -m models:/NAME/VERSION --env-manager local` typed in a shell, from
 * spawn to its first `/ping` 200. Rounds alternate which goes first; each deployment is undeployed
 * before the next.
 *
 * Invoke: 1,000 sequential `POST`s of the model's input example, straight to the scoring server and
 * through the UI's `/api/deployments/<id>/invoke` (which proxies and counts), after 100 warm-up
 * requests each, three rounds alternating the order; medians of each round's p50 and p99.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { venvBin } from "../../scripts/lib/paths";
import { freePort } from "../../scripts/lib/ports";
import { registerSklearnModel } from "../../tests/support/sklearn-model";
import { startTestMlflow, startTestUi } from "../../tests/support/stack";
import { load, median, type LoadResult } from "../lib/load";
import { fmt, machine, today, type BenchReport } from "../lib/report";

const READY_ROUNDS = Number(process.env.BENCH_DEPLOY_ROUNDS ?? 3);
const INVOKES = 1000;
const WARMUP = 100;
const INVOKE_ROUNDS = 3;
const READY_TIMEOUT_MS = 180_000;

export async function run(): Promise<BenchReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-bench-deploy-"));
  const deployDir = path.join(dataDir, "deployments");
  const mlflowServer = await startTestMlflow(dataDir);
  const ui = await startTestUi(mlflowServer.url, { MLTRACK_DEPLOY_DIR: deployDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  let live: { id: string; endpointUrl: string } | undefined;
  try {
    const mlflow = new MlflowClient({ trackingUri: mlflowServer.url, auth: null });
    const model = await registerSklearnModel(mlflowServer.url, "bench-deploy-iris");
    const run = await mlflow.runs.get({ runId: model.runId });
    const runPage = `${ui.url}/experiments/${run.info.experimentId}/runs/${model.runId}`;

    const ready = { ui: [] as number[], mlflow: [] as number[] };
    for (let round = 0; round < READY_ROUNDS; round++) {
      const order = round % 2 === 0 ? (["ui", "mlflow"] as const) : (["mlflow", "ui"] as const);
      for (const way of order) {
        if (way === "mlflow") {
          ready.mlflow.push(await mlflowServeToPing(mlflowServer.url, model.name, model.version));
          continue;
        }
        if (live) await undeploy(ui.url, live.id);
        const clicked = await clickToReady(browser, runPage);
        ready.ui.push(clicked.ms);
        live = clicked;
      }
      console.log(
        `  round ${round + 1}: click to ready ${fmt(ready.ui.at(-1) ?? NaN, 0)} ms, mlflow models serve to /ping ${fmt(ready.mlflow.at(-1) ?? NaN, 0)} ms`,
      );
    }
    if (!live) throw new Error("no deployment came up");

    const deployment = live;
    const body = model.servingInput;
    const headers = { "content-type": "application/json" };
    const ways = {
      "scoring server directly": { origin: deployment.endpointUrl, path: "/invocations" },
      "through the UI's invoke route": { origin: ui.url, path: `/api/deployments/${deployment.id}/invoke` },
    } as const;
    type Way = keyof typeof ways;
    const results: Record<Way, LoadResult[]> = { "scoring server directly": [], "through the UI's invoke route": [] };
    for (let round = 0; round < INVOKE_ROUNDS; round++) {
      const order = Object.keys(ways) as Way[];
      if (round % 2) order.reverse();
      for (const way of order) {
        const { origin, path: requestPath } = ways[way];
        const request = () => ({ method: "POST" as const, path: requestPath, body, headers });
        await load({ origin, total: WARMUP, concurrency: 1, request });
        results[way].push(await load({ origin, total: INVOKES, concurrency: 1, request }));
      }
    }
    return report(ready, results);
  } finally {
    // The local server is a process group of its own that outlives the UI: stop it first.
    if (live) await undeploy(ui.url, live.id).catch((err: unknown) => console.error(err));
    await browser.close();
    await ui.stop();
    await mlflowServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** From the click on the dialog's Deploy to `ready` in its progress. */
async function clickToReady(
  browser: Browser,
  runPage: string,
): Promise<{ ms: number; id: string; endpointUrl: string }> {
  const page = await browser.newPage();
  try {
    await page.goto(runPage);
    await page.getByTestId("deploy-button").first().click({ timeout: 60_000 });
    const dialog = page.getByTestId("deploy-dialog");
    await dialog.getByTestId("deploy-target").selectOption("local");
    const started = performance.now();
    await dialog.getByTestId("deploy-submit").click();
    await dialog.locator('[data-testid="deployment-status"][data-status="ready"]').waitFor({
      timeout: READY_TIMEOUT_MS,
    });
    const ms = performance.now() - started;
    const href = (await dialog.getByTestId("deploy-detail-link").getAttribute("href")) ?? "";
    const id = href.split("/").at(-1) ?? "";
    const endpointUrl = (await dialog.getByTestId("deployment-endpoint").textContent())?.trim() ?? "";
    if (!/^d-[0-9a-f]{12}$/.test(id) || !endpointUrl.startsWith("http://127.0.0.1:"))
      throw new Error(`unexpected deployment ${id} at ${endpointUrl}`);
    return { ms, id, endpointUrl };
  } finally {
    await page.close();
  }
}

async function undeploy(uiUrl: string, id: string): Promise<void> {
  const res = await fetch(`${uiUrl}/api/deployments/${id}`, { method: "DELETE" });
  if (!res.ok) throw new Error(`undeploy ${id}: ${res.status} ${await res.text()}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const record = (await (await fetch(`${uiUrl}/api/deployments/${id}`)).json()) as { status: string };
    if (record.status === "stopped") return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`deployment ${id} did not stop`);
}

/** MLflow's own way: its CLI serving the registered version, from spawn to the first `/ping` 200. */
async function mlflowServeToPing(trackingUri: string, name: string, version: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    venvBin("mlflow"),
    [
      "models",
      "serve",
      "-m",
      `models:/${name}/${version}`,
      "--env-manager",
      "local",
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    {
      // `mlflow models serve` execs `uvicorn` by name: the venv's bin comes first, as `source .venv/bin/activate` does.
      env: {
        ...process.env,
        PATH: `${path.dirname(venvBin("mlflow"))}${path.delimiter}${process.env.PATH ?? ""}`,
        MLFLOW_TRACKING_URI: trackingUri,
      },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`mlflow models serve exited with ${child.exitCode}:\n${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("mlflow models serve did not answer /ping");
  } finally {
    await stopGroup(child);
  }
}

/** SIGTERM to the child's process group (uvicorn outlives mlflow's own process), SIGKILL after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-pid, name);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal("SIGTERM")) return;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!signal(0)) return;
  }
  signal("SIGKILL");
}

function report(ready: { ui: number[]; mlflow: number[] }, results: Record<string, LoadResult[]>): BenchReport {
  const uiReady = median(ready.ui);
  const mlflowReady = median(ready.mlflow);
  const rows = Object.entries(results).map(([way, rounds]) => ({
    way,
    p50: median(rounds.map((r) => r.p50Ms)),
    p99: median(rounds.map((r) => r.p99Ms)),
    rps: median(rounds.map((r) => r.throughputRps)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  }));
  const [direct, proxied] = rows as [(typeof rows)[number], (typeof rows)[number]];
  const added = proxied.p50 - direct.p50;
  const verdicts = [
    `click to ready (local): median ${fmt(uiReady / 1000, 1)} s (target <= 15 s: ${uiReady <= 15_000 ? "met" : "missed"})`,
    `added p50 latency through the invoke route: ${fmt(added)} ms (target <= 5 ms: ${added <= 5 ? "met" : "missed"})`,
  ];
  const markdown = [
    `Measured ${today()} on ${machine()}. MLflow: \`mlflow server\`, SQLite, 1 worker; the UI: its production build; the model: scikit-learn logistic regression on iris, registered by MLflow's Python client; every process shares the machine's cores.`,
    "",
    `**Ready** (${READY_ROUNDS} rounds; median, all values in ms):`,
    "",
    "| way | median s | rounds (ms) |",
    "|---|---:|---|",
    `| MLTrack: click Deploy (local) to \`ready\` shown | ${fmt(uiReady / 1000, 2)} | ${ready.ui.map((v) => fmt(v, 0)).join(", ")} |`,
    `| MLflow: \`mlflow models serve\` spawned to first \`/ping\` 200 | ${fmt(mlflowReady / 1000, 2)} | ${ready.mlflow.map((v) => fmt(v, 0)).join(", ")} |`,
    "",
    `**Invoke** (${INVOKES} sequential requests per way after ${WARMUP} warm-up, ${INVOKE_ROUNDS} rounds; medians):`,
    "",
    "| way | p50 ms | p99 ms | req/s | failed |",
    "|---|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.way} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.rps, 1)} | ${r.errors} |`),
    "",
    ...verdicts.map((v) => `- ${v}`),
  ].join("\n");
  return { name: "deploy", markdown, verdicts };
}
