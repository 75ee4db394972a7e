"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Download, Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { compareMetricsCsv, summariesByRun } from "../compare-csv";
import { compareQueries } from "../queries";
import type { CompareRun } from "../schemas";
import { metricKeysOf } from "../metric-summary";

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * "Download CSV": the shown runs' metrics (last, min, max). The full-history summaries are read on
 * the click (or taken from the metrics table's query when it has them).
 */
export function CompareExportButton({ runIds, shown }: { runIds: readonly string[]; shown: readonly CompareRun[] }) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const onClick = async () => {
    setPending(true);
    try {
      const { summaries } = await queryClient.fetchQuery(compareQueries.metricSummaries(runIds));
      download(
        `compare-${shown.length}-runs.csv`,
        compareMetricsCsv(shown, metricKeysOf(shown), summariesByRun(summaries)),
      );
    } catch (err) {
      toast.error(`Could not export the metrics: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setPending(false);
    }
  };
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending || shown.length === 0}
      data-testid="compare-download-csv"
      onClick={() => void onClick()}
    >
      {pending ? <Loader2 className="animate-spin" /> : <Download />} Download CSV
    </Button>
  );
}
