"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
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

/** "Download CSV": the shown runs' metrics (last, min, max), once the full-history summaries are in. */
export function CompareExportButton({ runIds, shown }: { runIds: readonly string[]; shown: readonly CompareRun[] }) {
  const summaries = useQuery(compareQueries.metricSummaries(runIds));
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={!summaries.data || shown.length === 0}
      title={summaries.error ? "The metric summaries could not be read" : undefined}
      data-testid="compare-download-csv"
      onClick={() => {
        if (!summaries.data) return;
        const csv = compareMetricsCsv(shown, metricKeysOf(shown), summariesByRun(summaries.data.summaries));
        download(`compare-${shown.length}-runs.csv`, csv);
      }}
    >
      <Download /> Download CSV
    </Button>
  );
}
