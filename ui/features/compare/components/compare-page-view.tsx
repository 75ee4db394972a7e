"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { shownRuns } from "../axis-values";
import { compareQueries } from "../queries";
import { runColors } from "../run-colors";
import { compareViewSearchParams, parseCompareView, type CompareView } from "../search-params";
import { CompareImages } from "./compare-images";
import { CompareMetricCharts } from "./compare-metric-charts";
import { CompareScatter } from "./compare-scatter";
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

  if (view.runIds.length === 0) {
    return (
      <p className="rounded-md border border-dashed p-8 text-sm text-muted-foreground" data-testid="compare-empty">
        No runs to compare yet: tick runs in an experiment&apos;s table and choose Compare.
      </p>
    );
  }
  if (query.error)
    return <ErrorState title="Could not load the runs" error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton className="h-96 w-full" data-testid="compare-loading" />;

  const props: CompareSectionProps = { view, runs, shown, colors, onChange };
  return (
    <div className="space-y-6" data-testid="compare-page">
      <CompareMetricCharts {...props} />
      <ParallelCoordinates {...props} />
      <CompareScatter {...props} />
      <CompareImages {...props} />
    </div>
  );
}
