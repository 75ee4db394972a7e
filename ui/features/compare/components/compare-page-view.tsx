"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { shownRuns } from "../axis-values";
import { compareQueries } from "../queries";
import { runColors } from "../run-colors";
import { compareViewSearchParams, parseCompareView, type CompareView } from "../search-params";
import { CompareHeader } from "./compare-header";
import { CompareImages } from "./compare-images";
import { CompareLegend } from "./compare-legend";
import { CompareMetricCharts } from "./compare-metric-charts";
import { CompareMetricsTable } from "./compare-metrics-table";
import { CompareParamsTable, ParamsTableControls } from "./compare-params-table";
import { CompareScatter } from "./compare-scatter";
import { CompareSection } from "./compare-section";
import { ParallelCoordinates } from "./parallel-coordinates";
import type { CompareSectionProps } from "./section-props";

/** The compare page: every section reads the same view (the URL) and the same runs, colours and filter. */
export function ComparePageView() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = useMemo(() => parseCompareView(new URLSearchParams(searchParams.toString())), [searchParams]);
  const query = useQuery({ ...compareQueries.runs(view.runIds), enabled: view.runIds.length > 0 });
  const colors = useMemo(() => runColors(view.runIds), [view.runIds]);
  const runs = useMemo(() => query.data?.runs ?? [], [query.data]);
  const shown = useMemo(() => shownRuns(runs, view), [runs, view]);

  // The history API changes the URL without a server render; Next keeps useSearchParams in step.
  const onChange = (next: CompareView, mode: "push" | "replace" = "replace") => {
    const search = compareViewSearchParams(next).toString();
    const url = search ? `${pathname}?${search}` : pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  if (view.runIds.length === 0) return <CompareEmpty />;
  if (query.error)
    return <ErrorState title="Could not load the runs" error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <CompareSkeleton />;

  const { missing } = query.data;
  if (runs.length === 0)
    return (
      <div className="space-y-3" data-testid="compare-page">
        <CompareHeader runIds={view.runIds} runs={runs} shown={shown} missing={missing} />
        <CompareEmpty />
      </div>
    );

  const props: CompareSectionProps = { view, runs, shown, colors, onChange };
  return (
    <div className="space-y-8" data-testid="compare-page">
      <div className="space-y-3">
        <CompareHeader runIds={view.runIds} runs={runs} shown={shown} missing={missing} />
        <CompareLegend {...props} />
      </div>
      <CompareSection id="metric-charts" title="Metric charts">
        <CompareMetricCharts {...props} />
      </CompareSection>
      <CompareSection id="parallel-coordinates" title="Parallel coordinates">
        <ParallelCoordinates {...props} />
      </CompareSection>
      <CompareSection id="scatter" title="Scatter">
        <CompareScatter {...props} />
      </CompareSection>
      <CompareSection id="params" title="Params" actions={<ParamsTableControls view={view} onChange={onChange} />}>
        <CompareParamsTable {...props} />
      </CompareSection>
      <CompareSection id="metrics" title="Metrics">
        <CompareMetricsTable {...props} />
      </CompareSection>
      <CompareSection id="images" title="Images">
        <CompareImages {...props} />
      </CompareSection>
    </div>
  );
}

function CompareEmpty() {
  return (
    <div
      className="space-y-2 rounded-md border border-dashed p-8 text-sm text-muted-foreground"
      data-testid="compare-empty"
    >
      <p className="font-medium text-foreground">No runs to compare yet.</p>
      <p>
        Open an{" "}
        <Link href="/experiments" className="text-primary underline-offset-4 hover:underline">
          experiment
        </Link>
        , tick the runs you want in its table and choose <span className="font-medium">Compare</span>. Runs ticked in
        several experiments compare together from <span className="font-medium">Compare</span> in the top bar. Up to 500
        runs.
      </p>
    </div>
  );
}

function CompareSkeleton() {
  return (
    <div className="space-y-6" data-testid="compare-loading" aria-busy="true" aria-label="Loading the runs">
      <Skeleton className="h-5 w-48" />
      <div className="grid gap-1 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-9" />
        ))}
      </div>
      <Skeleton className="h-72 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}
