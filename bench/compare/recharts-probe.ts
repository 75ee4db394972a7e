/**
 * Measures recharts at the overlay's density, in the same headless Chromium as the rest of
 * bench/compare: navigation to `charts` charts of `runs` × `points` painted, and the frame gaps while
 * the pointer sweeps across the first chart (its tooltip following). Bundles recharts-probe-page.tsx
 * with esbuild (present through tsx) and serves it from memory.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, "recharts-probe-page.tsx")],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export interface RechartsProbe {
  paintMs: number;
  hoverP95: number;
  hoverMax: number;
}

export async function measureRecharts(
  browser: Browser,
  { runs, points, charts, timeoutMs }: { runs: number; points: number; charts: number; timeoutMs: number },
): Promise<RechartsProbe> {
  const script = await bundle();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.route("http://probe.invalid/**", (route) =>
      route.request().url().endsWith("/probe.js")
        ? route.fulfill({ contentType: "text/javascript", body: script })
        : route.fulfill({
            contentType: "text/html",
            body: `<!doctype html><html><body><div id="root"></div><script src="/probe.js"></script></body></html>`,
          }),
    );
    await page.goto(`http://probe.invalid/?runs=${runs}&points=${points}&charts=${charts}`, { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted, undefined, {
      timeout: timeoutMs,
      polling: 100,
    });
    const paintMs = await page.evaluate(() => (window as unknown as { __painted: number }).__painted);
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    await page.evaluate(`(() => {
      const gaps = [];
      window.__gaps = gaps;
      let last = performance.now();
      const tick = (now) => { gaps.push(now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const box = await page.getByTestId("probe-chart").first().boundingBox();
    if (box) for (let k = 0; k <= 20; k++) await page.mouse.move(box.x + 60 + (560 * k) / 20, box.y + 100);
    await page.waitForTimeout(200);
    const gaps = await page.evaluate(() => (window as unknown as { __gaps: number[] }).__gaps.slice(1));
    const sorted = [...gaps].sort((a, b) => a - b);
    return {
      paintMs,
      hoverP95: sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN,
      hoverMax: sorted.at(-1) ?? Number.NaN,
    };
  } finally {
    await context.close();
  }
}
