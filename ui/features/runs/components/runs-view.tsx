"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { usePathname, useSearchParams } from "next/navigation";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { runsToCsv } from "../csv";
import { nestRuns } from "../nest-runs";
import { runQueries } from "../queries";
import {
  BASE_COLUMNS,
  parseRunsView,
  runSearchRequestOf,
  runsViewSearchParams,
  type RunsView as View,
} from "../search-params";
import { columnLabel } from "./cells";
import { ColumnPicker } from "./column-picker";
import { RunFilterBox } from "./run-filter-box";
import { RunsTable } from "./runs-table";

/** An experiment's runs: the filter box and the table, both driven by the URL. */
export function RunsView({ experimentId }: { experimentId: string }) {
  const pathname = usePathname();
  const view = parseRunsView(new URLSearchParams(useSearchParams().toString()));
  const request = runSearchRequestOf(experimentId, view);
  const columns = [...BASE_COLUMNS, ...view.columns];
  const { data, error, isFetching, refetch } = useQuery(runQueries.search(request));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (runId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(runId)) next.add(runId);
      return next;
    });

  const exportCsv = () => {
    if (!data) return;
    const csv = runsToCsv(columns, columns.map(columnLabel), data.runs);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    link.download = `experiment-${experimentId}-runs.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  // The native history API updates the URL without a server render; Next keeps useSearchParams in
  // step. A new filter or order is a history entry (Back undoes it); column changes replace it.
  const navigate = (next: View, mode: "push" | "replace" = "push") => {
    const search = runsViewSearchParams(next).toString();
    const url = search ? `${pathname}?${search}` : pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  return (
    <div className="space-y-3">
      <RunFilterBox key={view.filter} value={view.filter} onApply={(filter) => navigate({ ...view, filter })} />
      <div className="flex items-center gap-3 text-sm text-muted-foreground" aria-live="polite">
        {data ? (
          <ColumnPicker
            keys={data.keys}
            columns={view.columns}
            onChange={(next) => navigate({ ...view, columns: next }, "replace")}
          />
        ) : null}
        {data ? (
          <span data-testid="run-count">
            {data.runs.length.toLocaleString("en-US")} run{data.runs.length === 1 ? "" : "s"}
            {data.truncated ? " (more match: narrow the filter)" : ""}
          </span>
        ) : null}
        {isFetching ? <span>Loading…</span> : null}
        {data?.runs.length ? (
          <Button variant="outline" size="sm" className="ml-auto" onClick={exportCsv}>
            <Download /> Export CSV
          </Button>
        ) : null}
      </div>
      {error ? (
        <ErrorState title="Could not load runs" error={error} onRetry={() => void refetch()} />
      ) : data ? (
        data.runs.length === 0 ? (
          <p data-testid="runs-empty" className="rounded-md border p-6 text-sm text-muted-foreground">
            {view.filter
              ? "No runs match this filter."
              : "No runs in this experiment yet: log one with mlflow or track()."}
          </p>
        ) : (
          <RunsTable
            columns={columns}
            runs={nestRuns(data.runs, expanded)}
            expanded={expanded}
            onToggle={toggle}
            orderBy={view.orderBy}
            onOrder={(order) => navigate({ ...view, orderBy: [order] })}
          />
        )
      ) : (
        <Skeleton className="h-80 w-full" />
      )}
    </div>
  );
}
