"use client";

import { CartesianGrid, ComposedChart, Line, Scatter, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import {
  formatStep,
  formatValue,
  formatValueTick,
  formatWallTime,
  formatDuration,
  xTickFormatter,
  type ChartPoint,
  type MarkerKind,
  type XAxis as XAxisKind,
} from "@/features/compare/prepare";
import type { ChartModel, MarkerDot } from "../chart-model";
import { ZoomSelection, type Zoom } from "./zoom-selection";

export type { Zoom };

const LINE = "var(--primary)";
const MARKER = "var(--destructive)";
const AXIS = { fill: "var(--muted-foreground)", fontSize: 11 };

const MARKER_SHAPES: Record<MarkerKind, "cross" | "triangle" | "diamond"> = {
  nan: "cross",
  "+inf": "triangle",
  "-inf": "diamond",
};
export const MARKER_NAMES: Record<MarkerKind, string> = { nan: "NaN", "+inf": "+Infinity", "-inf": "-Infinity" };

/**
 * One metric's line, drawn exactly as the server prepared it (no re-sampling here): nulls break it,
 * NaN/±Infinity markers sit on the plot's edges, and a drag across the plot selects an x range
 * (see `ZoomSelection`).
 */
export function MetricChart({
  metricKey,
  model,
  xAxis,
  logY,
  width,
  height,
  onZoom,
}: {
  metricKey: string;
  model: ChartModel;
  xAxis: XAxisKind;
  logY: boolean;
  width: number;
  height: number;
  onZoom: (zoom: Zoom) => void;
}) {
  const span = model.xDomain[1] - model.xDomain[0];
  const byKind = (kind: MarkerKind) => model.markers.filter((m) => m.kind === kind);
  const dots = model.drawnPoints <= 60;

  return (
    <ComposedChart
      width={width}
      height={height}
      data={model.points}
      margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
      className="select-none"
    >
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="x"
        type="number"
        domain={model.xDomain}
        ticks={model.xTicks}
        allowDataOverflow
        tickFormatter={xTickFormatter(xAxis, span)}
        tick={AXIS}
        stroke="var(--border)"
        tickLine={false}
        minTickGap={24}
      />
      <YAxis
        type="number"
        scale={logY ? "log" : "linear"}
        domain={model.yScale.domain}
        ticks={model.yScale.ticks}
        allowDataOverflow
        tickFormatter={formatValueTick}
        tick={AXIS}
        stroke="var(--border)"
        tickLine={false}
        width={52}
      />
      <Tooltip
        content={(props) => <PointTooltip {...props} xAxis={xAxis} markers={model.markers} metricKey={metricKey} />}
        cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
        isAnimationActive={false}
      />
      <Line
        name={metricKey}
        dataKey="y"
        type="linear"
        stroke={LINE}
        strokeWidth={1.5}
        dot={dots ? { r: 2, fill: LINE, strokeWidth: 0 } : false}
        activeDot={{ r: 3, fill: LINE, strokeWidth: 0 }}
        connectNulls={false}
        isAnimationActive={false}
      />
      {(["nan", "+inf", "-inf"] as const).map((kind) =>
        byKind(kind).length ? (
          <Scatter
            key={kind}
            name={MARKER_NAMES[kind]}
            data={byKind(kind)}
            dataKey="y"
            fill={MARKER}
            shape={MARKER_SHAPES[kind]}
            tooltipType="none"
            isAnimationActive={false}
          />
        ) : null,
      )}
      <ZoomSelection onZoom={onZoom} />
    </ComposedChart>
  );
}

function PointTooltip({
  active,
  payload,
  xAxis,
  markers,
  metricKey,
}: Pick<TooltipContentProps, "active" | "payload"> & { xAxis: XAxisKind; markers: MarkerDot[]; metricKey: string }) {
  const point = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !point) return null;
  const here = markers.filter((m) => m.x === point.x);
  return (
    <div className="rounded-md border bg-popover px-2.5 py-1.5 text-xs text-popover-foreground shadow-md">
      <div className="mb-0.5 max-w-64 truncate font-medium">{metricKey}</div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 tabular-nums">
        <dt className="text-muted-foreground">Step</dt>
        <dd>{formatStep(point.step)}</dd>
        <dt className="text-muted-foreground">Time</dt>
        <dd>{formatWallTime(point.timestamp)}</dd>
        {xAxis === "time-relative" ? (
          <>
            <dt className="text-muted-foreground">Relative</dt>
            <dd>{formatDuration(point.x)}</dd>
          </>
        ) : null}
        <dt className="text-muted-foreground">Value</dt>
        <dd>
          {point.y !== null
            ? formatValue(point.y)
            : here.length
              ? here.map((m) => `${MARKER_NAMES[m.kind]}${m.count > 1 ? ` ×${m.count}` : ""}`).join(", ")
              : "no value (gap)"}
        </dd>
      </dl>
    </div>
  );
}
