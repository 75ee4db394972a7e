/**
 * bench/compare: a real MLflow holding RUNS runs × STEPS steps of one metric (`loss`), opened in headless
 * Chromium on MLTrack's compare page and on MLflow's own chart view of the same runs. Measures the
 * server's series preparation (cold: histories read from MLflow; cached: finished runs' histories kept),
 * navigation to the overlay painted (cold and cached server), bytes sent, MLflow's chart view to its chart
 * painted, 10 such charts on one page (frame gaps while scrolling and hovering), and checks that every
 * bucket's true min and max are among the served points.
 *
 * Size: BENCH_COMPARE_RUNS (default 100), BENCH_COMPARE_STEPS (100,000), BENCH_COMPARE_MANY_STEPS
 * (steps of the nine extra metrics of the 10-chart page, default 4,000), BENCH_COMPARE_ROUNDS (3).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { Agent, fetch } from "undici";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { venvBin } from "../../scripts/lib/paths";
import { startTestMlflow, startTestUi } from "../../tests/support/stack";
import { median } from "../lib/load";
import { fmt, machine, today, type BenchReport } from "../lib/report";
import { measureRecharts } from "./recharts-probe";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const RUNS = int("BENCH_COMPARE_RUNS", 100);
const STEPS = int("BENCH_COMPARE_STEPS", 100_000);
// 4 × the buckets: each bucket then draws its full 4 points, the same density as 100,000 steps.
const MANY_STEPS = int("BENCH_COMPARE_MANY_STEPS", 4_000);
const ROUNDS = int("BENCH_COMPARE_ROUNDS", 3);
const BUCKETS = 1000;
const EXTRA_KEYS = Array.from({ length: 9 }, (_, i) => `metric_${i + 1}`);
const TIMEOUT = Number(process.env.BENCH_COMPARE_TIMEOUT_MS ?? 600_000);
const T0 = Date.UTC(2026, 0, 1);

/**
 * The runs through MLflow's REST API; their histories written into MLflow's SQLite tables by
 * seed_metrics.py (REST log-batch would take over an hour for 13.6 million points). `loss` has one
 * spike of 1e6 per run; the nine extra keys (MANY_STEPS steps each) fill the 10-chart page.
 */
async function seed(
  mlflow: MlflowClient,
  dataDir: string,
): Promise<{ experimentId: string; runIds: string[]; seconds: number }> {
  const started = performance.now();
  const experimentId = await mlflow.experiments.create({ name: "bench-compare" });
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await mlflow.runs.create({ experimentId, runName: `bench-run-${i}`, startTime: T0 });
    runIds.push(run.info.runId);
  }
  const script = fileURLToPath(new URL("./seed_metrics.py", import.meta.url));
  const child = spawn(venvBin("python"), [script, path.join(dataDir, "mlflow.db"), String(STEPS), String(MANY_STEPS)], {
    stdio: ["pipe", "inherit", "inherit"],
  });
  child.stdin.end(runIds.join("\n"));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`seed_metrics.py exited with ${code}`);
  for (const runId of runIds) await mlflow.runs.update({ runId, status: "FINISHED", endTime: T0 + STEPS * 100 });
  const { data } = await mlflow.runs.get({ runId: runIds[0]! });
  if (data.metrics.loss?.step !== STEPS - 1) throw new Error("seeded histories did not land");
  return { experimentId, runIds, seconds: (performance.now() - started) / 1000 };
}

interface SeriesAnswer {
  series: {
    runId: string;
    line: { x: number[]; y: (number | null)[] };
  }[];
}

const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

/** The overlay as the page asks for it: requests of at most 100 runs, three in flight. */
async function overlay(uiUrl: string, runIds: string[], metricKey: string) {
  const started = performance.now();
  const parts: string[][] = [];
  for (let i = 0; i < runIds.length; i += 100) parts.push(runIds.slice(i, i + 100));
  let bytes = 0;
  const answers: SeriesAnswer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(3, parts.length) }, async () => {
      for (let i = next++; i < parts.length; i = next++) {
        const res = await fetch(`${uiUrl}/api/metrics/overlay`, {
          // A cold read of 100 histories of 100,000 points takes minutes: past fetch's 300 s default.
          dispatcher: patient,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ runIds: parts[i], metricKey, buckets: BUCKETS }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`overlay: HTTP ${res.status} ${text.slice(0, 200)}`);
        bytes += Buffer.byteLength(text);
        answers[i] = JSON.parse(text) as SeriesAnswer;
      }
    }),
  );
  return { ms: performance.now() - started, bytes, series: answers.flatMap((a) => a.series) };
}

/** Every bucket's true min and max (from MLflow directly) must be among the served points. */
async function checkExtremes(mlflow: MlflowClient, served: SeriesAnswer["series"], sample: number) {
  let buckets = 0;
  let missing = 0;
  for (const series of served.slice(0, sample)) {
    const history = [];
    for await (const m of mlflow.metrics.getHistoryAll({ runId: series.runId, metricKey: "loss", maxResults: 25_000 }))
      history.push(m);
    history.sort((a, b) => a.step - b.step);
    const start = history[0]!.step;
    const width = (history.at(-1)!.step - start) / BUCKETS;
    const bucketOf = (x: number) => (width > 0 ? Math.min(BUCKETS - 1, Math.floor((x - start) / width)) : 0);
    const extremes = new Map<number, { min: (typeof history)[number]; max: (typeof history)[number] }>();
    for (const m of history) {
      const b = bucketOf(m.step);
      const e = extremes.get(b);
      if (!e) extremes.set(b, { min: m, max: m });
      else {
        if (m.value < e.min.value) e.min = m;
        if (m.value > e.max.value) e.max = m;
      }
    }
    // On a step axis the wire's x is the step.
    const drawn = new Set(
      series.line.x.flatMap((x, i) => (series.line.y[i] === null ? [] : [`${x}:${series.line.y[i]}`])),
    );
    for (const { min, max } of extremes.values()) {
      buckets++;
      if (!drawn.has(`${min.step}:${min.value}`)) missing++;
      if (!drawn.has(`${max.step}:${max.value}`)) missing++;
    }
  }
  return { buckets, missing };
}

/**
 * Whether the first `count` overlays have drawn `expectedLines` lines: from their full series (every
 * request answered, no run previewed), or, with `preview`, from whatever the page has first (MLflow's
 * sampled history for runs whose histories the server has not read yet).
 */
const painted = (expectedLines: number, count: number, preview = false) =>
  new Function(
    `const panels = [...document.querySelectorAll('[data-testid="overlay-panel"]')];
     return panels.length >= ${count} && panels.slice(0, ${count}).every((p) =>
       (${preview} || (p.getAttribute("data-loading") === "false" && p.getAttribute("data-preview-runs") === "0")) &&
       Number(p.getAttribute("data-lines")) === ${expectedLines} && p.querySelector('canvas[data-painted]'));`,
  ) as () => boolean;

async function timeTo(page: Page, ready: () => boolean): Promise<number> {
  await page.waitForFunction(ready, undefined, { polling: "raf", timeout: TIMEOUT });
  return page.evaluate(() => performance.now());
}

/** Navigation to the overlay painted, in a fresh browser context; bytes of every response. */
async function openCompare(browser: Browser, url: string, lines: number, charts = 1) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let bytes = 0;
  page.on("response", (res) => {
    void res
      .body()
      .then((body) => (bytes += body.byteLength))
      .catch(() => {});
  });
  // The overlay's requests, from the first sent to the last answered (previews, then full series).
  let firstSent: number | undefined;
  let lastAnswered = 0;
  page.on("request", (req) => {
    if (req.url().endsWith("/api/metrics/overlay")) firstSent ??= performance.now();
  });
  page.on("requestfinished", (req) => {
    if (req.url().endsWith("/api/metrics/overlay")) lastAnswered = performance.now();
  });
  await page.goto(url, { waitUntil: "commit" });
  const previewMs = await timeTo(page, painted(lines, charts, true));
  const ms = await timeTo(page, painted(lines, charts));
  await page.waitForTimeout(300);
  const overlayMs = lastAnswered - (firstSent ?? lastAnswered);
  return { ms, previewMs, bytes, overlayMs, page, close: () => context.close() };
}

/** Frame gaps (ms) while scrolling the 10-chart page and hovering each chart: the interaction latency. */
async function interaction(page: Page): Promise<{ p95: number; max: number; frames: number }> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const gaps = [];
    window.__gaps = gaps;
    let last = performance.now();
    const tick = (now) => { gaps.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, round === 0 ? 400 : -400);
      await page.waitForTimeout(60);
    }
  }
  const areas = page.getByTestId("overlay-plot-area");
  const count = await areas.count();
  for (let c = 0; c < count; c++) {
    await areas.nth(c).scrollIntoViewIfNeeded();
    const box = await areas.nth(c).boundingBox();
    if (!box) continue;
    for (let k = 0; k <= 20; k++) await page.mouse.move(box.x + (box.width * k) / 20, box.y + box.height * 0.4);
  }
  const gaps = await page.evaluate(() => (window as unknown as { __gaps: number[] }).__gaps.slice(1));
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    p95: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    frames: gaps.length,
  };
}

/**
 * MLflow 3.18's own chart view of the experiment's runs (Plotly): to its first line painted, then to
 * every line it draws (the count of non-empty traces unchanged for 10 s; MLflow charts only the runs
 * it shows, and each from its sampled history).
 */
async function openMlflowCharts(browser: Browser, mlflowUrl: string, experimentId: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${mlflowUrl}/#/experiments/${experimentId}/runs?compareRunsMode=CHART`, { waitUntil: "commit" });
  const lines = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll(".js-plotly-plot .scatterlayer .trace path.js-line")].filter(
          (path) => (path.getAttribute("d") ?? "") !== "",
        ).length,
    );
  const ms = await timeTo(page, () =>
    Boolean(document.querySelector(".js-plotly-plot .scatterlayer .trace path.js-line[d]:not([d=''])")),
  );
  let traces = await lines();
  let allMs = await page.evaluate(() => performance.now());
  for (let still = 0; still < 10 && allMs < TIMEOUT; still++) {
    await page.waitForTimeout(1000);
    const now = await lines();
    if (now !== traces) {
      traces = now;
      allMs = await page.evaluate(() => performance.now());
      still = -1;
    }
  }
  await context.close();
  return { ms, allMs, traces };
}

export async function run(): Promise<BenchReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mltrack-bench-compare-"));
  const mlflowServer = await startTestMlflow(dataDir);
  let ui = await startTestUi(mlflowServer.url);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
  });
  try {
    const mlflow = new MlflowClient({ trackingUri: mlflowServer.url, auth: null, timeoutMs: 300_000 });
    console.log(`  seeding ${RUNS} runs × ${STEPS} steps (+ 9 metrics × ${MANY_STEPS} steps)...`);
    const { experimentId, runIds, seconds: seedSeconds } = await seed(mlflow, dataDir);
    console.log(`  seeded in ${fmt(seedSeconds, 1)} s`);
    const restartUi = async () => {
      await ui.stop();
      ui = await startTestUi(mlflowServer.url);
    };

    // Per round, one cold pass (a cold read of 10 million points takes MLflow some 20 minutes): the UI
    // restarted, the page opened cold (its overlay requests' span is the server's cold preparation),
    // then the same overlay request straight to the server (cached preparation), then the page again.
    const prep = { cold: [] as number[], cached: [] as number[], bytes: 0 };
    const paint = { cold: [] as number[], coldPreview: [] as number[], cached: [] as number[], bytes: 0 };
    let served: SeriesAnswer["series"] = [];
    const pageUrl = () => `${ui.url}/compare?runs=${runIds.join(",")}&m=loss`;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await restartUi();
      const cold = await openCompare(browser, pageUrl(), RUNS);
      paint.cold.push(cold.ms);
      paint.coldPreview.push(cold.previewMs);
      paint.bytes = cold.bytes;
      prep.cold.push(cold.overlayMs);
      await cold.close();
      const direct = await overlay(ui.url, runIds, "loss");
      prep.cached.push(direct.ms);
      prep.bytes = direct.bytes;
      served = direct.series;
      const cached = await openCompare(browser, pageUrl(), RUNS);
      paint.cached.push(cached.ms);
      await cached.close();
      console.log(
        `  round ${round + 1}: painted cold: preview ${fmt(cold.previewMs, 0)} ms, full ${fmt(cold.ms, 0)} ms (its overlay requests ${fmt(cold.overlayMs, 0)} ms), ` +
          `series cached ${fmt(direct.ms, 0)} ms, painted cached ${fmt(cached.ms, 0)} ms`,
      );
    }
    const extremes = await checkExtremes(mlflow, served, Math.min(RUNS, 10));

    const mlflowUi = { ms: [] as number[], allMs: [] as number[], traces: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const result = await openMlflowCharts(browser, mlflowServer.url, experimentId);
      mlflowUi.ms.push(result.ms);
      mlflowUi.allMs.push(result.allMs);
      mlflowUi.traces = result.traces;
      console.log(
        `  round ${round + 1} MLflow's chart view: first line ${fmt(result.ms, 0)} ms, ${result.traces} lines at ${fmt(result.allMs, 0)} ms`,
      );
    }

    // Ten charts on one page (loss and nine metrics of MANY_STEPS steps), server cache warm.
    const many = `${ui.url}/compare?runs=${runIds.join(",")}&m=loss${EXTRA_KEYS.map((k) => `&m=${k}`).join("")}`;
    console.log("  ten charts: opening...");
    const tenCharts = await openCompare(browser, many, RUNS, 1);
    // Scroll to each chart in turn (charts mount when first seen) and wait until all ten have painted.
    const cards = tenCharts.page.getByTestId("overlay-chart");
    for (let c = 0; c < (await cards.count()); c++) {
      await cards.nth(c).scrollIntoViewIfNeeded();
      try {
        await tenCharts.page.waitForFunction(painted(RUNS, c + 1), undefined, { polling: 100, timeout: TIMEOUT });
      } catch (err) {
        const state = await tenCharts.page.evaluate(
          `[...document.querySelectorAll('[data-testid="overlay-chart"]')].map((card) => {
             const p = card.querySelector('[data-testid="overlay-panel"]');
             return card.getAttribute("data-metric-key") + ":" + (p ? [p.getAttribute("data-loading"), p.getAttribute("data-lines"), !!p.querySelector("canvas[data-painted]"), p.querySelector('[role="alert"]')?.textContent ?? ""].join(",") : "not mounted");
           }).join(" | ")`,
        );
        throw new Error(`ten charts: chart ${c + 1} never painted: ${String(state)}`, { cause: err });
      }
      console.log(`  ten charts: chart ${c + 1} painted`);
    }
    await tenCharts.page.evaluate(() => window.scrollTo(0, 0));
    const latency = await interaction(tenCharts.page);
    console.log(`  ten charts: frame gaps p95 ${fmt(latency.p95, 0)} ms, worst ${fmt(latency.max, 0)} ms`);
    await tenCharts.close();

    // recharts at the density the overlay API sends (4 points per bucket), one chart: the canvas decision.
    const rechartsPoints = Math.min(4 * BUCKETS, STEPS);
    const recharts = await measureRecharts(browser, {
      runs: RUNS,
      points: rechartsPoints,
      charts: 1,
      timeoutMs: TIMEOUT,
    });
    console.log(
      `  recharts, ${RUNS} lines × ${rechartsPoints} points: painted ${fmt(recharts.paintMs, 0)} ms, hover worst frame ${fmt(recharts.hoverMax, 0)} ms`,
    );

    const m = {
      prepCold: median(prep.cold),
      prepCached: median(prep.cached),
      paintCold: median(paint.cold),
      paintColdPreview: median(paint.coldPreview),
      paintCached: median(paint.cached),
      mlflow: median(mlflowUi.ms),
      mlflowAll: median(mlflowUi.allMs),
    };
    const size = `${RUNS} runs × ${STEPS.toLocaleString("en-US")} steps`;
    const verdicts = [
      `overlay painted, cold ${fmt(m.paintCold / 1000)} s (target <= 1.5 s: ${m.paintCold <= 1500 ? "met" : "missed"}); its preview from MLflow's sampled history ${fmt(m.paintColdPreview / 1000)} s`,
      `overlay painted, cached ${fmt(m.paintCached / 1000)} s (target <= 0.5 s: ${m.paintCached <= 500 ? "met" : "missed"})`,
      `interaction on 10 charts: p95 frame ${fmt(latency.p95, 0)} ms, worst ${fmt(latency.max, 0)} ms (target <= 200 ms: ${latency.max <= 200 ? "met" : latency.p95 <= 200 ? "met at p95, missed at worst" : "missed"})`,
      `every bucket's true min and max served: ${extremes.missing === 0 ? "yes" : `no, ${extremes.missing} missing`} (${extremes.buckets.toLocaleString("en-US")} buckets of ${Math.min(RUNS, 10)} runs checked against MLflow)`,
    ];
    const markdown = [
      `Measured ${today()} on ${machine()}. ${size} of \`loss\` (one spike of 1e6 per run), runs created through MLflow's REST API, their histories written into its SQLite tables (${fmt(seedSeconds, 0)} s; REST log-batch would take over an hour). One MLflow (SQLite, 1 worker) serves both UIs; headless Chromium, a fresh browser context per load; ${ROUNDS === 1 ? "one round" : `medians of ${ROUNDS} rounds`}. Cold: the UI restarted, so every history is read from MLflow (the cold preparation is the page's own overlay requests, the first sent to the last answered: previews from MLflow's sampled history, then every run's full series); cached: the same request again, straight to the server (finished runs' histories and their prepared series kept), then the page opened again.`,
      "",
      "| | MLTrack | MLflow's UI |",
      "|---|---:|---:|",
      `| series preparation on the server, cold (ms) | ${fmt(m.prepCold, 0)} | |`,
      `| series preparation on the server, cached (ms) | ${fmt(m.prepCached, 0)} | |`,
      `| series bytes sent (KB, ${RUNS} runs at ${BUCKETS} buckets) | ${fmt(prep.bytes / 1024, 0)} | |`,
      `| navigation to the overlay painted from MLflow's sampled history (a marked preview), server cold (ms) | ${fmt(m.paintColdPreview, 0)} | ${fmt(m.mlflow, 0)} to its chart view's first line; ${fmt(m.mlflowAll, 0)} to all ${mlflowUi.traces} lines it draws |`,
      `| navigation to the overlay painted with every run's full series, server cold (ms) | ${fmt(m.paintCold, 0)} | (MLflow's UI draws sampled series only) |`,
      `| navigation to the overlay painted, server cached (ms) | ${fmt(m.paintCached, 0)} | |`,
      `| bytes received by the page, all responses (KB) | ${fmt(paint.bytes / 1024, 0)} | |`,
      `| 10 charts, frame gaps while scrolling and hovering: p95 / worst (ms) | ${fmt(latency.p95, 0)} / ${fmt(latency.max, 0)} (${latency.frames} frames) | |`,
      `| recharts (SVG) at the same density, one chart of ${RUNS} lines × ${rechartsPoints} points, data in the page: painted / hover p95 / hover worst (ms) | ${fmt(recharts.paintMs, 0)} / ${fmt(recharts.hoverP95, 0)} / ${fmt(recharts.hoverMax, 0)} | |`,
      "",
      ...verdicts.map((v) => `- ${v}`),
    ].join("\n");
    return { name: "compare", markdown, verdicts };
  } finally {
    await browser.close();
    await Promise.allSettled([ui.stop(), mlflowServer.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
