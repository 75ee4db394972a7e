/** Pure series preparation shared by the compare page and the run page's metric charts. */
export { downsampleSeries } from "./downsample";
export type { ChartPoint, DownsampleOptions, DownsampledSeries, MarkerKind, SeriesMarker } from "./downsample";
export { DEFAULT_GAP_FACTOR, gapThreshold } from "./gaps";
export { X_AXES, toMetricColumns, toSeriesPoints } from "./series-points";
export type { MetricColumns, SeriesPoint, XAxis } from "./series-points";
export { emaSmooth, smoothSeries } from "./smoothing";
export { joinOnStep } from "./x-metric";
export { fromLineColumns, overlayPoints, xMetricKey } from "./overlay-points";
export type { OverlayXAxis } from "./overlay-points";
export { downsampleBand, groupMarkers, groupStatistics } from "./group-series";
export type { BandPoint, GroupStatPoint } from "./group-series";
export { drawnExtent, forLogScale, innerTicks, linearScale, logScale, timeTicks } from "./scale";
export type { YScale } from "./scale";
export {
  X_AXIS_LABELS,
  formatDuration,
  formatStep,
  formatStepTick,
  formatValue,
  formatValueTick,
  formatWallTime,
  formatWallTimeTick,
  xTickFormatter,
} from "./axis-format";
export { bandPolygon, formatOverlayX, nearestPoint, overlayFrame, overlaySvg, polylines } from "./overlay-frame";
export type { OverlayBand, OverlayFrame, OverlayFrameInput, OverlayLine, OverlayMarker, Tick } from "./overlay-frame";
export { NO_GROUP_VALUE, groupRuns } from "./run-groups";
export type { RunGroup } from "./run-groups";
export { DEFAULT_CHART_COUNT, defaultMetricKeys, metricKeyUnion } from "./metric-keys";
