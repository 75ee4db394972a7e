/**
 * bench/runs-table: an experiment of 10,000 runs (20 params, 10 metrics, 10 tags each) in a real
 * MLflow, opened in headless Chromium in MLTrack's runs table and in MLflow's own UI served by the
 * same server. Measures navigation to the first rows painted, to all 10,000 rows loaded (sortable
 * without asking the server), the bytes per run that reach the browser, and the page's JavaScript.
 */
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { startStack } from "../../tests/support/stack";
import { median } from "../lib/load";
import { fmt, machine, today, type BenchReport } from "../lib/report";

const RUNS = 10_000;
const ROUNDS = 3;
const SEED_CONCURRENCY = 8;
const newestRun = `bench-run-${String(RUNS - 1).padStart(5, "0")}`;

async function seed(mlflow: MlflowClient): Promise<string> {
  const experimentId = await mlflow.experiments.create({ name: "bench-runs-table" });
  const base = Date.UTC(2026, 0, 1);
  let next = 0;
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let i = next++; i < RUNS; i = next++) {
        const runName = `bench-run-${String(i).padStart(5, "0")}`;
        const tags = Object.fromEntries(
          Array.from({ length: 10 }, (_, t) => [`tag_${t}`, `value-${(i * 7 + t) % 13}`]),
        );
        const run = await mlflow.runs.create({ experimentId, runName, startTime: base + i * 1000, tags });
        await mlflow.runs.logBatch({
          runId: run.info.runId,
          params: Object.fromEntries(Array.from({ length: 20 }, (_, p) => [`param_${p}`, String((i * 31 + p) % 97)])),
          metrics: Array.from({ length: 10 }, (_, m) => ({
            key: `metric_${m}`,
            value: ((i * 17 + m * 5) % 1000) / 1000,
            step: 0,
            timestamp: base + i * 1000,
          })),
        });
        await mlflow.runs.update({ runId: run.info.runId, status: "FINISHED", endTime: base + i * 1000 + 500 });
        if ((i + 1) % 2000 === 0) console.log(`  seeded ${i + 1} runs`);
      }
    }),
  );
  return experimentId;
}

/** Milliseconds from navigation to `ready` holding, polled every animation frame. */
async function timeTo(page: Page, url: string, ready: () => boolean): Promise<number> {
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(ready, undefined, { polling: "raf", timeout: 300_000 });
  return performance.now() - started;
}

export async function run(): Promise<BenchReport> {
  const stack = await startStack("bench-runs-table");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
  });
  try {
    const mlflow = new MlflowClient({ trackingUri: stack.mlflowUrl, auth: null });
    console.log(`  seeding ${RUNS} runs...`);
    const experimentId = await seed(mlflow);
    const view = `col=param:param_0&col=param:param_1&col=metric:last:metric_0&col=metric:last:metric_1`;
    const mltrackUrl = `${stack.uiUrl}/experiments/${experimentId}?${view}`;
    const mlflowUiUrl = `${stack.mlflowUrl}/#/experiments/${experimentId}`;
    const hasNewest = new Function(
      `return document.body.innerText.includes(${JSON.stringify(newestRun)})`,
    ) as () => boolean;
    const allLoaded = new Function(
      `return document.querySelector('[data-testid="run-count"]')?.textContent?.startsWith(${JSON.stringify(RUNS.toLocaleString("en-US") + " runs")}) ?? false`,
    ) as () => boolean;

    const samples = { mltrackFirst: [] as number[], mltrackAll: [] as number[], mlflowFirst: [] as number[] };
    let mltrackBytes = 0;
    let mlflowBytes = 0;
    let scriptUrls: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A new context per load: a cold browser cache, as a first visit.
      for (const which of round % 2 === 0 ? ["mltrack", "mlflow"] : ["mlflow", "mltrack"]) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        let bytes = 0;
        page.on("response", (res) => {
          void res
            .body()
            .then((body) => (bytes += body.byteLength))
            .catch(() => {});
        });
        if (which === "mltrack") {
          samples.mltrackFirst.push(await timeTo(page, mltrackUrl, hasNewest));
          await page.waitForFunction(allLoaded, undefined, { polling: "raf", timeout: 300_000 });
          samples.mltrackAll.push(
            await page.evaluate(() => performance.now() - performance.getEntriesByType("navigation")[0]!.startTime),
          );
          scriptUrls = await page.evaluate(() =>
            performance.getEntriesByType("resource").flatMap((e) => (e.name.endsWith(".js") ? [e.name] : [])),
          );
          await page.waitForTimeout(500);
          mltrackBytes = bytes;
        } else {
          samples.mlflowFirst.push(await timeTo(page, mlflowUiUrl, hasNewest));
          await page.waitForTimeout(500);
          mlflowBytes = bytes;
        }
        await context.close();
        const last = (list: number[]) => fmt(list.at(-1) ?? Number.NaN, 0);
        console.log(
          which === "mltrack"
            ? `  round ${round + 1} MLTrack: first rows ${last(samples.mltrackFirst)} ms, all loaded ${last(samples.mltrackAll)} ms, ${fmt(bytes / 1024, 0)} KB`
            : `  round ${round + 1} MLflow's UI: first rows ${last(samples.mlflowFirst)} ms`,
        );
      }
    }
    let jsGzip = 0;
    for (const url of scriptUrls) jsGzip += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength;

    const mltrackFirst = median(samples.mltrackFirst);
    const mltrackAll = median(samples.mltrackAll);
    const mlflowFirst = median(samples.mlflowFirst);
    const verdicts = [
      `first rows ${fmt(mltrackFirst / 1000)} s (target <= 1.0 s: ${mltrackFirst <= 1000 ? "met" : "missed"})`,
      `all ${RUNS.toLocaleString("en-US")} rows sortable ${fmt(mltrackAll / 1000)} s (target <= 3 s: ${mltrackAll <= 3000 ? "met" : "missed"})`,
      `first rows vs MLflow's UI: ${fmt(mltrackFirst / 1000)} s vs ${fmt(mlflowFirst / 1000)} s (target faster: ${mltrackFirst < mlflowFirst ? "met" : "missed"})`,
      `page JavaScript ${fmt(jsGzip / 1024, 0)} KB gzipped (target <= 350 KB: ${jsGzip <= 350 * 1024 ? "met" : "missed"})`,
    ];
    const markdown = [
      `Measured ${today()} on ${machine()}. One MLflow (SQLite, 1 worker) serves both UIs; headless Chromium, a fresh browser context per load; medians of ${ROUNDS} rounds, alternating which UI goes first.`,
      "",
      "| | MLTrack | MLflow's UI |",
      "|---|---:|---:|",
      `| navigation to first rows painted (ms) | ${fmt(mltrackFirst, 0)} | ${fmt(mlflowFirst, 0)} |`,
      `| navigation to all ${RUNS.toLocaleString("en-US")} runs loaded and sortable (ms) | ${fmt(mltrackAll, 0)} | n/a (pages of 100) |`,
      `| bytes received by the page, all responses (KB) | ${fmt(mltrackBytes / 1024, 0)} | ${fmt(mlflowBytes / 1024, 0)} (first page only) |`,
      `| bytes per run received | ${fmt(mltrackBytes / RUNS, 0)} (all ${RUNS.toLocaleString("en-US")} runs, 11 columns) | |`,
      `| page JavaScript, gzipped (KB) | ${fmt(jsGzip / 1024, 0)} | |`,
      "",
      ...verdicts.map((v) => `- ${v}`),
    ].join("\n");
    return { name: "runs-table", markdown, verdicts };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
