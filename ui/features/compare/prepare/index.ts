/** Pure series preparation shared by the compare page and the run page's metric charts. */
export { downsampleSeries } from "./downsample";
export type { ChartPoint, DownsampleOptions, DownsampledSeries, MarkerKind, SeriesMarker } from "./downsample";
export { DEFAULT_GAP_FACTOR, gapThreshold } from "./gaps";
export { toSeriesPoints } from "./series-points";
export type { SeriesPoint, XAxis } from "./series-points";
export { emaSmooth } from "./smoothing";
