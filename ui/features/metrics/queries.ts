import { experimental_streamedQuery as streamedQuery, queryOptions } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import { mergeOverlay, streamOverlay, type OverlayRequest } from "./overlay-fetch";
import type {
  GroupSeriesRequest,
  GroupSeriesResponse,
  MetricSeriesRequest,
  MetricSeriesResponse,
  OverlaySeriesResponse,
} from "./schemas";

export const metricQueries = {
  all: () => ["metrics"] as const,
  /**
   * Series for a set of runs and keys. `revision` names the version of the data the caller knows of
   * (the run page passes each metric's latest step and time from the run, which refreshes every 5 s
   * while the run is RUNNING), so a new point means a new query and nothing else triggers one.
   */
  series: (request: MetricSeriesRequest, revision = "") =>
    queryOptions({
      queryKey: [...metricQueries.all(), "series", request, revision] as const,
      queryFn: ({ signal }) => apiPost<MetricSeriesResponse>("/api/metrics/series", request, signal),
      // Keep the last drawing on screen while a zoom, a resize or new points load, but never across
      // x-axes: a step-based line shown on a time axis would be wrong, not just old.
      placeholderData: (previous) => (previous?.xAxis === (request.xAxis ?? "step") ? previous : undefined),
    }),
  /**
   * One metric over the compared runs (any number), as it becomes known: MLflow's sampled preview for
   * runs whose full histories the server has not read yet, replaced run by run by the full series (see
   * `streamOverlay`). A refetch keeps the drawing until its answer is whole.
   */
  overlay: (request: OverlayRequest) =>
    queryOptions({
      queryKey: [...metricQueries.all(), "overlay", request] as const,
      // null until the first answer (undefined would be taken for "no initial value").
      queryFn: streamedQuery<OverlaySeriesResponse, OverlaySeriesResponse | null>({
        streamFn: ({ signal }) => streamOverlay(request, signal),
        reducer: mergeOverlay,
        initialValue: null,
        refetchMode: "replace",
      }),
      // Keep the last drawing while a zoom or a new smoothing loads, never across x-axes.
      placeholderData: (previous) => (previous?.xAxis === (request.xAxis ?? "step") ? previous : undefined),
    }),
  /** One metric's mean ± std per group of runs. */
  groups: (request: GroupSeriesRequest) =>
    queryOptions({
      queryKey: [...metricQueries.all(), "groups", request] as const,
      queryFn: ({ signal }) => apiPost<GroupSeriesResponse>("/api/metrics/groups", request, signal),
      placeholderData: (previous) => (previous?.xAxis === (request.xAxis ?? "step") ? previous : undefined),
    }),
};
