"use client";

import { useQuery } from "@tanstack/react-query";
import { useTheme } from "next-themes";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import {
  fromLineColumns,
  groupRuns,
  overlayFrame,
  overlaySvg,
  type OverlayBand,
  type OverlayLine,
  type OverlayMarker,
} from "@/features/compare/prepare";
import { metricQueries } from "@/features/metrics";
import { bucketsFor } from "@/features/metrics/chart-model";
import { useElementWidth } from "@/features/metrics/hooks/use-element-width";
import { RUN_PALETTE } from "../run-colors";
import type { CompareRun } from "../schemas";
import type { CompareView } from "../search-params";
import { ChartCanvas, themeColors } from "./chart-canvas";

const PLOT_HEIGHT = 260;

export interface OverlayChartCardProps {
  metricKey: string;
  view: CompareView;
  shown: readonly CompareRun[];
  colors: ReadonlyMap<string, string>;
  onChange: (next: CompareView, mode?: "push" | "replace") => void;
}

/**
 * Whether the element has come on (or within 300px of) the screen yet. Charts mount on first sight and
 * stay: scrolling back past one does not redraw it from nothing.
 */
function useSeen<T extends Element>() {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || seen) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
      },
      { rootMargin: "300px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return [ref, seen] as const;
}

/** Rounds a zoom end: whole steps and milliseconds, six significant digits for a metric axis. */
function roundX(view: CompareView, x: number): number {
  return view.xAxis.startsWith("metric:") ? Number(x.toPrecision(6)) : Math.round(x);
}

/**
 * One metric over the shown runs. The card is light; its chart mounts, and asks the server for its
 * series, once it comes on (or near) the screen.
 */
export const OverlayChartCard = memo(function OverlayChartCard(props: OverlayChartCardProps) {
  const { metricKey, view, onChange } = props;
  const [ref, seen] = useSeen<HTMLDivElement>();
  const zoom = view.zooms.find((z) => z.key === metricKey) ?? null;
  const setZoom = (next: { from: number; to: number } | null) => {
    const others = view.zooms.filter((z) => z.key !== metricKey);
    const zooms = next
      ? [...others, { key: metricKey, from: roundX(view, next.from), to: roundX(view, next.to) }]
      : others;
    onChange({ ...view, zooms }, "push");
  };
  const panBy = (delta: number) => {
    if (zoom) setZoom({ from: zoom.from + delta, to: zoom.to + delta });
  };
  const pan = (direction: -1 | 1) => panBy(zoom ? ((zoom.to - zoom.from) / 2) * direction : 0);

  return (
    <Card data-testid="overlay-chart" data-metric-key={metricKey} className="gap-2 py-3">
      <CardHeader className="flex items-center justify-between gap-2 px-4">
        <CardTitle className="truncate text-sm font-medium" title={metricKey}>
          {metricKey}
        </CardTitle>
        {zoom ? (
          <div className="flex items-center gap-1">
            <Button
              variant="outline"
              size="sm"
              className="h-6 px-2 text-xs"
              aria-label="Pan left"
              onClick={() => pan(-1)}
            >
              ←
            </Button>
            <Button
              variant="outline"
              size="sm"
              className="h-6 px-2 text-xs"
              aria-label="Pan right"
              onClick={() => pan(1)}
            >
              →
            </Button>
            <Button variant="outline" size="sm" className="h-6 px-2 text-xs" onClick={() => setZoom(null)}>
              Reset zoom
            </Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="px-4">
        <div ref={ref} style={{ minHeight: PLOT_HEIGHT + 40 }}>
          {seen ? (
            <OverlayPanel {...props} zoom={zoom} onZoom={setZoom} onPan={zoom ? panBy : undefined} />
          ) : (
            <Skeleton className="h-[300px] w-full" />
          )}
        </div>
      </CardContent>
    </Card>
  );
});

function OverlayPanel({
  metricKey,
  view,
  shown,
  colors,
  zoom,
  onZoom,
  onPan,
}: OverlayChartCardProps & {
  zoom: { from: number; to: number } | null;
  onZoom: (zoom: { from: number; to: number }) => void;
  onPan: ((delta: number) => void) | undefined;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { resolvedTheme } = useTheme();
  // Groups whose runs are drawn one by one under their mean (one click on the group's legend entry).
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const groups = useMemo(() => (view.groupBy ? groupRuns(shown, view.groupBy) : []), [shown, view.groupBy]);
  const names = useMemo(() => new Map(shown.map((run) => [run.runId, run.runName || run.runId])), [shown]);
  const common = {
    metricKey,
    xAxis: view.xAxis,
    smoothing: view.smoothing,
    buckets: bucketsFor(width),
    ...(zoom ? { range: { from: zoom.from, to: zoom.to } } : {}),
  };
  const runIds = useMemo(
    () =>
      view.groupBy ? groups.filter((g) => expanded.has(g.id)).flatMap((g) => g.runIds) : shown.map((run) => run.runId),
    [view.groupBy, groups, expanded, shown],
  );
  const overlay = useQuery({
    ...metricQueries.overlay({ ...common, runIds }),
    enabled: width > 0 && runIds.length > 0,
  });
  const grouped = useQuery({
    ...metricQueries.groups({ ...common, groups: groups.map(({ id, runIds: ids }) => ({ id, runIds: ids })) }),
    enabled: width > 0 && groups.length > 0,
  });

  const drawn = useMemo(() => {
    const lines: OverlayLine[] = [];
    const bands: OverlayBand[] = [];
    const markers: OverlayMarker[] = [];
    const smoothing = view.smoothing > 0;
    const groupColor = new Map(groups.map((g, i) => [g.id, RUN_PALETTE[i % RUN_PALETTE.length] as string]));
    if (view.groupBy && grouped.data) {
      const key = view.groupBy.slice(view.groupBy.indexOf(":") + 1);
      for (const group of grouped.data.groups) {
        const color = groupColor.get(group.id) ?? RUN_PALETTE[0];
        const label = `${key} = ${group.id} (${group.runs} ${group.runs === 1 ? "run" : "runs"})`;
        bands.push({ id: group.id, label, color, points: group.points });
        for (const m of group.markers)
          markers.push({
            x: m.x,
            kind: m.kind,
            color,
            label: `${label}: ${m.count} ${m.count === 1 ? "run" : "runs"}`,
          });
        const mean = group.points.map(({ x, mean: y, step }) => ({ x, y, step }));
        lines.push({ id: `group:${group.id}`, label, color, points: mean, alpha: smoothing ? 0.3 : 1, width: 2 });
        if (group.smoothed)
          lines.push({
            id: `group:${group.id}:smoothed`,
            label,
            color,
            points: fromLineColumns(group.smoothed),
            alpha: 1,
            width: 2,
          });
      }
    }
    const thin = view.groupBy !== null;
    const wanted = new Set(runIds);
    for (const series of overlay.data?.series ?? []) {
      // A placeholder (the previous answer) may still hold runs no longer asked for.
      if (!wanted.has(series.runId)) continue;
      const color = colors.get(series.runId) ?? RUN_PALETTE[0];
      const label = names.get(series.runId) ?? series.runId;
      lines.push({
        id: series.runId,
        label,
        color,
        points: fromLineColumns(series.line),
        alpha: smoothing ? 0.25 : 1,
        width: thin ? 1 : 1.5,
      });
      if (series.smoothed)
        lines.push({
          id: `${series.runId}:smoothed`,
          label,
          color,
          points: fromLineColumns(series.smoothed),
          alpha: 1,
          width: thin ? 1 : 1.5,
        });
      for (const m of series.markers) markers.push({ x: m.x, kind: m.kind, color, label });
    }
    return { lines, bands, markers };
  }, [overlay.data, grouped.data, view.groupBy, view.smoothing, groups, colors, names, runIds]);

  const frame = useMemo(
    () =>
      width > 0
        ? overlayFrame({
            width,
            height: PLOT_HEIGHT,
            xAxis: view.xAxis,
            logY: view.logY,
            range: zoom ?? undefined,
            ...drawn,
          })
        : null,
    [width, view.xAxis, view.logY, zoom, drawn],
  );

  const error = overlay.error ?? grouped.error;
  const waiting = (runIds.length > 0 && !overlay.data) || (groups.length > 0 && !grouped.data);
  const series = overlay.data?.series ?? [];
  const withoutKey = view.groupBy ? 0 : series.filter((s) => s.totalPoints === 0 && !s.preview).length;
  const sampled = series.some((s) => s.sampled) || grouped.data?.groups.some((g) => g.sampled);
  const wantedRuns = new Set(runIds);
  // Runs still waiting for their full series; those of them drawn from MLflow's sample meanwhile.
  const previewed = series.filter((s) => s.preview && wantedRuns.has(s.runId)).length;
  const sampledRuns = series.filter((s) => s.preview && s.totalPoints > 0 && wantedRuns.has(s.runId)).length;
  const mainLines = drawn.lines.filter((line) => line.alpha === 1).length;
  const groupLines = drawn.lines.filter((line) => line.alpha === 1 && line.id.startsWith("group:")).length;

  const download = (name: string, blob: Blob) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  };
  const fileBase = metricKey.replace(/[^\w.-]+/g, "_") || "metric";
  const exportPng = () => canvasRef.current?.toBlob((blob) => blob && download(`${fileBase}.png`, blob), "image/png");
  const exportSvg = () => {
    if (!frame || !canvasRef.current) return;
    const svg = overlaySvg(frame, { title: metricKey, ...drawn }, themeColors(canvasRef.current, resolvedTheme));
    download(`${fileBase}.svg`, new Blob([svg], { type: "image/svg+xml" }));
  };

  return (
    <div
      ref={ref}
      className="flex flex-col gap-1"
      data-testid="overlay-panel"
      data-loading={overlay.isFetching || grouped.isFetching}
      data-lines={mainLines}
      data-group-lines={groupLines}
      data-groups={view.groupBy ? (grouped.data?.groups.length ?? 0) : 0}
      data-preview-runs={previewed}
      data-zoomed={zoom !== null}
      data-x-from={frame?.xDomain[0]}
      data-x-to={frame?.xDomain[1]}
    >
      {error ? (
        <p
          role="alert"
          className="flex h-[260px] items-center justify-center px-4 text-center text-sm text-destructive"
        >
          Could not load {metricKey}: {error.message}
        </p>
      ) : !frame || ((waiting || previewed > 0) && drawn.lines.length === 0) ? (
        <Skeleton className="h-[260px] w-full" />
      ) : drawn.lines.length === 0 && drawn.markers.length === 0 ? (
        <p className="flex h-[260px] items-center justify-center text-sm text-muted-foreground">
          {zoom ? "No points in the selected range." : `None of the shown runs logged ${metricKey}.`}
        </p>
      ) : (
        <ChartCanvas frame={frame} xAxis={view.xAxis} onZoom={onZoom} onPan={onPan} canvasRef={canvasRef} {...drawn} />
      )}
      <div className="flex min-h-5 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        {groups.map((group, i) => (
          <button
            key={group.id}
            type="button"
            data-testid="overlay-group-toggle"
            aria-pressed={expanded.has(group.id)}
            className="inline-flex items-center gap-1 rounded-sm hover:text-foreground"
            title={expanded.has(group.id) ? "Hide this group's runs" : "Show this group's runs"}
            onClick={() => {
              const next = new Set(expanded);
              if (!next.delete(group.id)) next.add(group.id);
              setExpanded(next);
            }}
          >
            <span
              aria-hidden
              className="inline-block size-2 rounded-full"
              style={{ background: RUN_PALETTE[i % RUN_PALETTE.length] }}
            />
            {group.id} ({group.runIds.length}) {expanded.has(group.id) ? "▾" : "▸"}
          </button>
        ))}
        {previewed ? (
          <span role="status" data-testid="overlay-preview" className="font-medium text-amber-700 dark:text-amber-400">
            {sampledRuns
              ? `Preview for ${sampledRuns} ${sampledRuns === 1 ? "run" : "runs"}: MLflow's sampled history, where spikes between samples can be missing. `
              : ""}
            Reading the full {previewed === 1 ? "history" : "histories"} of {previewed}{" "}
            {previewed === 1 ? "run" : "runs"}…
          </span>
        ) : null}
        {drawn.markers.length ? <span>× NaN, ▲▼ ±Infinity</span> : null}
        {sampled ? (
          <span>sampled to about one bucket per pixel (each bucket&apos;s first, last, min and max kept)</span>
        ) : null}
        {withoutKey ? (
          <span>
            {withoutKey} shown {withoutKey === 1 ? "run has" : "runs have"} no {metricKey}
          </span>
        ) : null}
        <span className="ml-auto flex gap-1">
          <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={exportPng} disabled={!frame}>
            PNG
          </Button>
          <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={exportSvg} disabled={!frame}>
            SVG
          </Button>
        </span>
      </div>
    </div>
  );
}
