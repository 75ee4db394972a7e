"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ErrorState } from "@/components/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { runQueries } from "../queries";
import {
  BASE_COLUMNS,
  parseRunsView,
  runSearchRequestOf,
  runsViewSearchParams,
  type RunsView as View,
} from "../search-params";
import { RunFilterBox } from "./run-filter-box";
import { RunsTable } from "./runs-table";

/** An experiment's runs: the filter box and the table, both driven by the URL. */
export function RunsView({ experimentId }: { experimentId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const view = parseRunsView(new URLSearchParams(useSearchParams().toString()));
  const request = runSearchRequestOf(experimentId, view);
  const columns = [...BASE_COLUMNS, ...view.columns];
  const { data, error, isFetching, refetch } = useQuery(runQueries.search(request));

  const navigate = (next: View) => {
    const search = runsViewSearchParams(next).toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };

  return (
    <div className="space-y-3">
      <RunFilterBox key={view.filter} value={view.filter} onApply={(filter) => navigate({ ...view, filter })} />
      <div className="flex items-center gap-3 text-sm text-muted-foreground" aria-live="polite">
        {data ? (
          <span data-testid="run-count">
            {data.runs.length.toLocaleString("en-US")} run{data.runs.length === 1 ? "" : "s"}
            {data.truncated ? " (more match: narrow the filter)" : ""}
          </span>
        ) : null}
        {isFetching ? <span>Loading…</span> : null}
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
            runs={data.runs}
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
