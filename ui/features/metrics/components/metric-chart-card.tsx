"use client";

import { useQuery } from "@tanstack/react-query";
import { memo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatStep, formatValue, formatWallTime, type XAxis } from "@/features/compare/prepare";
import { bucketsFor, chartModel, sampledNote, singleValueOf } from "../chart-model";
import { useElementWidth } from "../hooks/use-element-width";
import { useInView } from "../hooks/use-in-view";
import { metricQueries } from "../queries";
import type { MetricSeries } from "../schemas";
import { MARKER_NAMES, MetricChart, type Zoom } from "./metric-chart";

const PLOT_HEIGHT = 200;

export interface MetricChartCardProps {
  runId: string;
  metricKey: string;
  xAxis: XAxis;
  logY: boolean;
  /** Changes when the run has new points for this key (see `metricQueries.series`). */
  revision: string;
}

/**
 * One metric's card. The card itself is light; its chart mounts, and fetches its series, only while
 * the card is on screen (or near it), so thousands of keys cost thousands of empty boxes, not charts.
 */
export const MetricChartCard = memo(function MetricChartCard(props: MetricChartCardProps) {
  const [ref, inView] = useInView<HTMLDivElement>();
  // A zoom is in the units of the x-axis it was made on; another axis starts unzoomed.
  const [zoomed, setZoomed] = useState<(Zoom & { xAxis: XAxis }) | null>(null);
  const zoom = zoomed?.xAxis === props.xAxis ? zoomed : null;

  return (
    <Card data-testid="metric-card" data-metric-key={props.metricKey} className="gap-2 py-3">
      <CardHeader className="flex items-center justify-between gap-2 px-4">
        <CardTitle className="truncate text-sm font-medium" title={props.metricKey}>
          {props.metricKey}
        </CardTitle>
        {zoom ? (
          <Button variant="outline" size="sm" className="h-6 px-2 text-xs" onClick={() => setZoomed(null)}>
            Reset zoom
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="px-4">
        <div ref={ref} className="h-[236px]">
          {inView ? (
            <MetricChartPanel {...props} zoom={zoom} onZoom={(next) => setZoomed({ ...next, xAxis: props.xAxis })} />
          ) : (
            <Skeleton className="h-full w-full" />
          )}
        </div>
      </CardContent>
    </Card>
  );
});

function MetricChartPanel({
  runId,
  metricKey,
  xAxis,
  logY,
  revision,
  zoom,
  onZoom,
}: MetricChartCardProps & { zoom: Zoom | null; onZoom: (zoom: Zoom) => void }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const request = {
    runIds: [runId],
    metricKeys: [metricKey],
    xAxis,
    buckets: bucketsFor(width),
    ...(zoom ? { range: { from: zoom.from, to: zoom.to } } : {}),
  };
  const query = useQuery({ ...metricQueries.series(request, revision), enabled: width > 0 });
  const series = query.data?.series[0];

  return (
    <div ref={ref} className="flex h-full flex-col gap-1" data-testid="metric-chart" data-loading={query.isFetching}>
      {query.isError ? (
        <p
          role="alert"
          className="flex h-[200px] items-center justify-center px-4 text-center text-sm text-destructive"
        >
          Could not load {metricKey}: {query.error.message}
        </p>
      ) : !series || width === 0 ? (
        <Skeleton className="h-[200px] w-full" />
      ) : (
        <SeriesView
          series={series}
          metricKey={metricKey}
          xAxis={xAxis}
          logY={logY}
          width={width}
          zoom={zoom}
          onZoom={onZoom}
        />
      )}
    </div>
  );
}

function SeriesView({
  series,
  metricKey,
  xAxis,
  logY,
  width,
  zoom,
  onZoom,
}: {
  series: MetricSeries;
  metricKey: string;
  xAxis: XAxis;
  logY: boolean;
  width: number;
  zoom: Zoom | null;
  onZoom: (zoom: Zoom) => void;
}) {
  const single = singleValueOf(series, zoom !== null);
  if (single) {
    return (
      <div data-testid="metric-single-value" className="flex h-[200px] flex-col items-center justify-center gap-1">
        <span className="text-3xl font-semibold tabular-nums">{formatValue(single.value)}</span>
        <span className="text-xs text-muted-foreground">
          at step {formatStep(single.step)} · {formatWallTime(single.timestamp)}
        </span>
        <span className="text-xs text-muted-foreground">The only value logged for this metric.</span>
      </div>
    );
  }
  if (series.totalPoints === 0) {
    return (
      <p className="flex h-[200px] items-center justify-center text-sm text-muted-foreground">
        {zoom ? "No points in the selected range." : "No points logged for this metric."}
      </p>
    );
  }
  const model = chartModel(series, { xAxis, logY, range: zoom ?? undefined });
  const note = sampledNote(series, model.drawnPoints);
  const markerCount = model.markers.reduce((sum, m) => sum + m.count, 0);
  const markerKinds = [...new Set(model.markers.map((m) => MARKER_NAMES[m.kind]))].join(", ");
  return (
    <>
      <div
        data-testid="metric-plot"
        // A click focuses the chart (keyboard users get its tooltip by arrow keys): no ring for the mouse.
        className="[&_:focus:not(:focus-visible)]:outline-none"
        data-x-from={model.xDomain[0]}
        data-x-to={model.xDomain[1]}
        data-zoomed={zoom !== null}
      >
        <MetricChart
          metricKey={metricKey}
          model={model}
          xAxis={xAxis}
          logY={logY}
          width={width}
          height={PLOT_HEIGHT}
          onZoom={onZoom}
        />
      </div>
      <div className="flex min-h-5 flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
        {markerCount > 0 ? (
          <span data-testid="metric-markers-legend" className="inline-flex items-center gap-1" title={markerKinds}>
            <span aria-hidden className="font-bold text-destructive">
              ×
            </span>
            NaN/Inf ({markerCount.toLocaleString("en-US")})
          </span>
        ) : null}
        {note ? <span data-testid="metric-sampled">{note}</span> : null}
        {model.hiddenOnLog > 0 ? (
          <span>
            {model.hiddenOnLog.toLocaleString("en-US")} {model.hiddenOnLog === 1 ? "value" : "values"} ≤ 0 not shown on
            the log scale
          </span>
        ) : null}
        {!note && !zoom ? <span>{series.totalPoints.toLocaleString("en-US")} points</span> : null}
        {zoom ? <span>{series.totalPoints.toLocaleString("en-US")} points in range</span> : null}
      </div>
    </>
  );
}
