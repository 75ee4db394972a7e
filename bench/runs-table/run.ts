/**
 * bench/runs-table: an experiment of 10,000 runs (20 params, 10 metrics, 10 tags each) in a real
 * MLflow, opened in headless Chromium in MLTrack's runs table and in MLflow's own UI served by the
 * same server. Measures navigation to the first rows painted, to all 10,000 rows loaded (sortable
 * without asking the server), a sort of all 10,000 in the browser, the bytes per run that reach the
 * browser and the page's JavaScript; and, as the reference for a server-side sort, what MLflow's own
 * `runs/search` takes for the first 100 runs ordered by a metric, and for all 10,000 unordered.
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
const TIMEOUT = 600_000;

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
        if ((i + 1) % 1000 === 0) console.log(`  seeded ${i + 1} runs`);
      }
    }),
  );
  return experimentId;
}

/** Milliseconds from the start of navigation until `ready` holds, checked every animation frame. */
async function timeTo(page: Page, ready: () => boolean): Promise<number> {
  await page.waitForFunction(ready, undefined, { polling: "raf", timeout: TIMEOUT });
  return page.evaluate(() => performance.now());
}

const probe = (body: string) => new Function(body) as () => boolean;

/** Time one direct MLflow call, in milliseconds. */
async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export async function run(): Promise<BenchReport> {
  const stack = await startStack("bench-runs-table");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
  });
  try {
    const mlflow = new MlflowClient({ trackingUri: stack.mlflowUrl, auth: null, timeoutMs: 300_000 });
    console.log(`  seeding ${RUNS} runs...`);
    const experimentId = await seed(mlflow);
    const view = "col=param:param_0&col=param:param_1&col=metric:last:metric_0&col=metric:last:metric_1";
    const mltrackUrl = `${stack.uiUrl}/experiments/${experimentId}?${view}`;
    // MLflow 3.18 opens an experiment on its GenAI overview; its runs table lives at /runs.
    const mlflowUiUrl = `${stack.mlflowUrl}/#/experiments/${experimentId}/runs`;
    const hasNewest = probe(`return document.body?.innerText.includes(${JSON.stringify(newestRun)}) ?? false`);
    const allLoaded = probe(
      `const count = document.querySelector('[data-testid="run-count"]')?.textContent ?? "";
       return count === ${JSON.stringify(`${RUNS.toLocaleString("en-US")} runs`)} && !document.querySelector('[data-testid="runs-loading-more"]');`,
    );
    const oldestFirst = probe(
      `const row = document.querySelector('[data-testid="run-row"][aria-rowindex="2"]');
       return row?.textContent?.includes("bench-run-00000") ?? false;`,
    );

    const samples = {
      mltrackFirst: [] as number[],
      mltrackAll: [] as number[],
      mltrackSort: [] as number[],
      mlflowFirst: [] as number[],
    };
    let mltrackBytes = 0;
    let mlflowBytes = 0;
    let mltrackPerRun = Number.NaN;
    let mlflowPerRun = Number.NaN;
    let scriptUrls: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A new context per load: a cold browser cache, as a first visit. Alternate who goes first.
      for (const which of round % 2 === 0 ? ["mltrack", "mlflow"] : ["mlflow", "mltrack"]) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        let bytes = 0;
        // runs/search answers alone (MLTrack's /api/runs/search, MLflow's /ajax-api/.../runs/search):
        // their bytes per run carried are what each UI ships per run.
        const search = { bytes: 0, runs: 0 };
        page.on("response", (res) => {
          const isSearch = res.url().includes("runs/search");
          void res
            .body()
            .then((body) => {
              bytes += body.byteLength;
              if (!isSearch) return;
              search.bytes += body.byteLength;
              search.runs += (JSON.parse(body.toString("utf8")) as { runs?: unknown[] }).runs?.length ?? 0;
            })
            .catch(() => {});
        });
        if (which === "mltrack") {
          await page.goto(mltrackUrl, { waitUntil: "commit" });
          samples.mltrackFirst.push(await timeTo(page, hasNewest));
          samples.mltrackAll.push(await timeTo(page, allLoaded));
          // Sort all 10,000 by start time, ascending: the oldest run comes to the top.
          const started = await page.evaluate(() => performance.now());
          await page.getByRole("columnheader", { name: "Started" }).getByRole("button").click();
          samples.mltrackSort.push((await timeTo(page, oldestFirst)) - started);
          scriptUrls = await page.evaluate(() =>
            performance.getEntriesByType("resource").flatMap((e) => (e.name.endsWith(".js") ? [e.name] : [])),
          );
          await page.waitForTimeout(500);
          mltrackBytes = bytes;
          mltrackPerRun = search.bytes / search.runs;
        } else {
          await page.goto(mlflowUiUrl, { waitUntil: "commit" });
          samples.mlflowFirst.push(await timeTo(page, hasNewest));
          await page.waitForTimeout(1000);
          mlflowBytes = bytes;
          mlflowPerRun = search.bytes / search.runs;
        }
        await context.close();
        const last = (list: number[]) => fmt(list.at(-1) ?? Number.NaN, 0);
        console.log(
          which === "mltrack"
            ? `  round ${round + 1} MLTrack: first rows ${last(samples.mltrackFirst)} ms, all loaded ${last(samples.mltrackAll)} ms, sort ${last(samples.mltrackSort)} ms, ${fmt(bytes / 1024, 0)} KB`
            : `  round ${round + 1} MLflow's UI: first rows ${last(samples.mlflowFirst)} ms, ${fmt(bytes / 1024, 0)} KB`,
        );
      }
    }
    let jsGzip = 0;
    for (const url of scriptUrls) jsGzip += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength;

    // The reference: MLflow itself, asked directly (no UI), in the same run.
    const direct = { orderedFirst100: [] as number[], all: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      direct.orderedFirst100.push(
        await timed(() =>
          mlflow.runs.search({ experimentIds: [experimentId], maxResults: 100, orderBy: ["metrics.metric_3 DESC"] }),
        ),
      );
      direct.all.push(await timed(() => mlflow.runs.search({ experimentIds: [experimentId], maxResults: RUNS })));
    }

    const m = {
      first: median(samples.mltrackFirst),
      all: median(samples.mltrackAll),
      sort: median(samples.mltrackSort),
      mlflowFirst: median(samples.mlflowFirst),
      ordered: median(direct.orderedFirst100),
      directAll: median(direct.all),
    };
    const verdicts = [
      `first rows ${fmt(m.first / 1000)} s (target <= 1.0 s: ${m.first <= 1000 ? "met" : "missed"})`,
      `all ${RUNS.toLocaleString("en-US")} rows sortable ${fmt(m.all / 1000)} s (target <= 3 s: ${m.all <= 3000 ? "met" : "missed"}; MLflow alone takes ${fmt(m.directAll / 1000)} s to return them)`,
      `first rows vs MLflow's UI: ${fmt(m.first / 1000)} s vs ${fmt(m.mlflowFirst / 1000)} s (target faster: ${m.first < m.mlflowFirst ? "met" : "missed"})`,
      `page JavaScript ${fmt(jsGzip / 1024, 0)} KB gzipped (target <= 350 KB: ${jsGzip <= 350 * 1024 ? "met" : "missed"})`,
    ];
    const markdown = [
      `Measured ${today()} on ${machine()}. One MLflow (SQLite, 1 worker) serves both UIs; headless Chromium, a fresh browser context per load; medians of ${ROUNDS} rounds, alternating which UI goes first.`,
      "",
      "| | MLTrack | MLflow's UI | MLflow's REST API alone |",
      "|---|---:|---:|---:|",
      `| navigation to first rows painted (ms) | ${fmt(m.first, 0)} | ${fmt(m.mlflowFirst, 0)} | |`,
      `| navigation to all ${RUNS.toLocaleString("en-US")} runs loaded and sortable (ms) | ${fmt(m.all, 0)} | n/a (pages of 100) | ${fmt(m.directAll, 0)} (one \`runs/search\` of ${RUNS.toLocaleString("en-US")}) |`,
      `| sort all ${RUNS.toLocaleString("en-US")} runs by a column (ms) | ${fmt(m.sort, 0)} (in the browser) | | ${fmt(m.ordered, 0)} (first 100 by \`order_by\` a metric) |`,
      `| bytes received by the page, all responses (KB) | ${fmt(mltrackBytes / 1024, 0)} (all ${RUNS.toLocaleString("en-US")} runs) | ${fmt(mlflowBytes / 1024, 0)} (its first page of 100 runs) | |`,
      `| runs/search bytes per run | ${fmt(mltrackPerRun, 0)} (11 columns, projected on the server) | ${fmt(mlflowPerRun, 0)} (every param, metric and tag) | |`,
      `| page JavaScript, gzipped (KB) | ${fmt(jsGzip / 1024, 0)} | | |`,
      "",
      ...verdicts.map((v) => `- ${v}`),
    ].join("\n");
    return { name: "runs-table", markdown, verdicts };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
