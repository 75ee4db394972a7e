"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { SYSTEM_METRIC_PREFIX } from "mltrack-sdk/tags";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import { runQueries } from "../queries";
import { RunHeader } from "./run-header";
import { RunOverview } from "./run-overview";

// The chart and artifact tabs load their code (recharts, previews) when first opened, so the run's
// overview, and every page importing this one's module graph, stay light.
const tabFallback = () => <Skeleton className="h-64 w-full" />;
const RunMetricCharts = dynamic(() => import("@/features/metrics").then((m) => m.RunMetricCharts), {
  loading: tabFallback,
});
const RunArtifacts = dynamic(() => import("@/features/artifacts").then((m) => m.RunArtifacts), {
  loading: tabFallback,
});

/** URL state that belongs to the page rather than to one tab. */
const KEPT_ACROSS_TABS = new Set(["tab", "x", "log"]);

export const RUN_TABS = ["overview", "metrics", "system", "artifacts"] as const;
export type RunTab = (typeof RUN_TABS)[number];

/** A run's page: header, then Overview, Metrics, System metrics and Artifacts; the tab is in the URL. */
export function RunPageView({ runId }: { runId: string }) {
  const { data: run } = useSuspenseQuery(runQueries.detail(runId));
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const asked = searchParams.get("tab");
  const tab: RunTab = (RUN_TABS as readonly string[]).includes(asked ?? "") ? (asked as RunTab) : "overview";
  const metricKeys = run.metrics.map((m) => m.key);
  const modelKeys = metricKeys.filter((key) => !key.startsWith(SYSTEM_METRIC_PREFIX));
  const systemKeys = metricKeys.filter((key) => key.startsWith(SYSTEM_METRIC_PREFIX));

  // The history API changes the URL without a server render; Back returns to the previous tab.
  const selectTab = (next: string) => {
    const params = new URLSearchParams(searchParams.toString());
    if (next === "overview") params.delete("tab");
    else params.set("tab", next);
    // The charts' x-axis and scale carry over between the two metric tabs; a file path does not.
    for (const key of [...params.keys()]) if (!KEPT_ACROSS_TABS.has(key)) params.delete(key);
    const search = params.toString();
    window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname);
  };

  return (
    <div className="space-y-4">
      <RunHeader run={run} />
      <Tabs value={tab} onValueChange={selectTab}>
        <TabsList>
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="metrics">Metrics ({modelKeys.length})</TabsTrigger>
          <TabsTrigger value="system">System metrics ({systemKeys.length})</TabsTrigger>
          <TabsTrigger value="artifacts">Artifacts</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <RunOverview run={run} />
        </TabsContent>
        <TabsContent value="metrics">
          <RunMetricCharts runId={run.runId} metricKeys={modelKeys} section="model" />
        </TabsContent>
        <TabsContent value="system">
          <RunMetricCharts runId={run.runId} metricKeys={systemKeys} section="system" />
        </TabsContent>
        <TabsContent value="artifacts">
          <RunArtifacts runId={run.runId} experimentId={run.experimentId} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
