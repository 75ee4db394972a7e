/**
 * The recharts measurement behind the canvas decision: `charts` recharts line charts of `runs` lines of
 * `points` points each (the density the overlay API sends: up to 4 points per bucket at 1,000 buckets),
 * drawn as the run page draws its charts (SVG, no animation, no dots, a tooltip). Bundled and opened by
 * bench/compare/recharts-probe.ts; sets `window.__painted` once the charts have been painted.
 */
import { createRoot } from "react-dom/client";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

const search = new URLSearchParams(location.search);
const runs = Number(search.get("runs") ?? 100);
const points = Number(search.get("points") ?? 4000);
const charts = Number(search.get("charts") ?? 1);

/** Deterministic: run r's decay with noise, x in steps. */
const series = Array.from({ length: runs }, (_, r) =>
  Array.from({ length: points }, (_, i) => ({
    x: i * 25,
    y: 1 / (1 + i / 40) + (((r * 2_654_435_761 + i * 40_503) >>> 0) % 1000) / 20_000 + r * 0.001,
  })),
);

function Chart() {
  return (
    <LineChart width={640} height={260} data-probe="chart">
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis type="number" dataKey="x" domain={["dataMin", "dataMax"]} allowDuplicatedCategory={false} />
      <YAxis type="number" />
      <Tooltip isAnimationActive={false} />
      {series.map((data, r) => (
        <Line
          key={r}
          data={data}
          dataKey="y"
          dot={false}
          isAnimationActive={false}
          stroke={`hsl(${(r * 47) % 360} 70% 45%)`}
          strokeWidth={1}
        />
      ))}
    </LineChart>
  );
}

createRoot(document.getElementById("root")!).render(
  <div style={{ display: "grid", gap: 16 }}>
    {Array.from({ length: charts }, (_, c) => (
      <div key={c} data-testid="probe-chart" style={{ height: 260 }}>
        <Chart />
      </div>
    ))}
  </div>,
);

const check = () => {
  const drawn = document.querySelectorAll(".recharts-line-curve").length;
  if (drawn >= runs * charts)
    requestAnimationFrame(() => ((window as unknown as { __painted: number }).__painted = performance.now()));
  else requestAnimationFrame(check);
};
requestAnimationFrame(check);
