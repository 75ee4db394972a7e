"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ErrorState } from "@/components/error-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useInView } from "@/features/metrics/hooks/use-in-view";
import { compareImageQueries } from "../images/queries";
import { sliderIndex, unionSteps } from "../images/steps";
import { ImagesRunCard } from "./images-run-card";
import { ImagesStepSlider } from "./images-step-slider";
import type { CompareSectionProps } from "./section-props";

/**
 * Images logged per step (`images/step_100.png`), side by side across the shown runs, with one step
 * slider over every step any of them has; each run shows its image at that step or its latest before.
 */
export function CompareImages({ view, runs, shown, colors, onChange }: CompareSectionProps) {
  // Every compared run is listed once, so brushing or hiding runs never asks the server again.
  const runIds = useMemo(() => runs.map((run) => run.runId), [runs]);
  // Listed only near the screen: on open, the charts above have MLflow's worker to themselves.
  const [ref, inView] = useInView<HTMLElement>("600px");
  const query = useQuery({
    ...compareImageQueries.steps(runIds, view.images.path),
    enabled: inView && runIds.length > 0,
  });
  const byRun = useMemo(() => new Map(query.data?.runs.map((run) => [run.runId, run])), [query.data]);
  const listed = useMemo(
    () => shown.map((run) => ({ run, images: byRun.get(run.runId)?.images ?? [] })),
    [shown, byRun],
  );
  const steps = useMemo(() => unionSteps(listed), [listed]);
  const index = sliderIndex(steps, view.images.step);
  const folders = query.data
    ? [...new Set([...query.data.folders, ...(query.data.path ? [query.data.path] : [])])].sort()
    : [];

  const body = () => {
    if (query.error)
      return (
        <ErrorState title="Could not list the runs' images" error={query.error} onRetry={() => void query.refetch()} />
      );
    if (!query.data) return <Skeleton className="h-48 w-full" data-testid="images-loading" />;
    if (steps.length === 0)
      return (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground" data-testid="images-empty">
          {query.data.path
            ? `None of the shown runs has images named with a step in ${query.data.path}/.`
            : "No per-step images were found in these runs' artifacts."}{" "}
          Log images with the step in their file name, such as images/step_100.png, to compare them here.
        </p>
      );
    const step = steps[index]!;
    const withImages = listed.filter(({ images }) => images.length > 0);
    const without = listed.filter(({ images }) => images.length === 0);
    return (
      <div className="space-y-3">
        <ImagesStepSlider
          steps={steps}
          index={index}
          onIndex={(next) => onChange({ ...view, images: { ...view.images, step: steps[next]! } })}
        />
        <div
          className={`grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] gap-3 ${query.isPlaceholderData ? "opacity-60" : ""}`}
        >
          {withImages.map(({ run, images }) => (
            <ImagesRunCard
              key={run.runId}
              run={run}
              color={colors.get(run.runId) ?? "currentColor"}
              images={images}
              step={step}
            />
          ))}
        </div>
        {without.length > 0 && (
          <p className="text-xs text-muted-foreground" data-testid="images-without">
            No step images in {query.data.path}/ for {without.length === 1 ? "one run" : `${without.length} runs`}:{" "}
            {without
              .slice(0, 20)
              .map(({ run }) => run.runName || run.runId)
              .join(", ")}
            {without.length > 20 ? `, and ${without.length - 20} more` : ""}.
          </p>
        )}
        {query.data.runs.some((run) => run.truncated) && (
          <p className="text-xs text-muted-foreground">
            Some runs hold more files in this folder than one listing reads (5,000): their later images are left out.
          </p>
        )}
      </div>
    );
  };

  return (
    <section
      ref={ref}
      className="space-y-3 rounded-lg border p-4"
      aria-busy={query.isFetching}
      data-testid="compare-images"
      data-runs={shown.length}
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">Images per step</h2>
        {folders.length > 0 && (
          <label className="ml-auto flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">Folder</span>
            <Select
              value={query.data?.path ?? ""}
              onValueChange={(path) => onChange({ ...view, images: { path, step: null } })}
            >
              <SelectTrigger size="sm" className="max-w-64" aria-label="Image folder" data-testid="images-folder">
                <SelectValue placeholder="Choose a folder" />
              </SelectTrigger>
              <SelectContent>
                {folders.map((folder) => (
                  <SelectItem key={folder} value={folder}>
                    {folder}/
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </label>
        )}
      </div>
      {body()}
    </section>
  );
}
