"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Download, GitCompareArrows, RefreshCw } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { ErrorState } from "@/components/error-state";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { columnId, type RunColumn, type RunOrder } from "../columns";
import { useLiveRuns } from "../hooks/use-live-runs";
import { nestRuns } from "../nest-runs";
import { runQueries } from "../queries";
import type { RunRow, RunSearchResult } from "../schemas";
import {
  parseRunsView,
  runSearchRequestOf,
  runsViewSearchParams,
  viewColumns,
  type RunsView as View,
} from "../search-params";
import { sortRows } from "../sort-rows";
import { useRunSelection, useSelectedRunIds } from "../stores/run-selection";
import { ColumnPicker } from "./column-picker";
import { ExperimentLlmUsage } from "./experiment-llm-usage";
import { GroupByPicker } from "./group-by-picker";
import { RunFilterBox } from "./run-filter-box";
import { RunsTable } from "./runs-table";
import { SavedViewsMenu } from "./saved-views-menu";

const EMPTY_KEYS: RunSearchResult["keys"] = { params: [], metrics: [], tags: [] };

/** The next order after a header click: asc, then desc, then none; shift-click keeps the other keys. */
export function nextOrder(orderBy: readonly RunOrder[], column: RunColumn, additive: boolean): RunOrder[] {
  const id = columnId(column);
  const current = orderBy.find((o) => columnId(o.column) === id);
  const others = additive ? orderBy.filter((o) => columnId(o.column) !== id) : [];
  if (!current) return [...others, { column, descending: false }];
  if (!current.descending) {
    return additive
      ? orderBy.map((o) => (columnId(o.column) === id ? { ...o, descending: true } : o))
      : [{ column, descending: true }];
  }
  return others;
}

function mergeKeys(pages: readonly RunSearchResult[]): RunSearchResult["keys"] {
  if (pages.length === 1) return pages[0]?.keys ?? EMPTY_KEYS;
  const union = (pick: (k: RunSearchResult["keys"]) => string[]) =>
    [...new Set(pages.flatMap((p) => pick(p.keys)))].sort();
  return { params: union((k) => k.params), metrics: union((k) => k.metrics), tags: union((k) => k.tags) };
}

/**
 * An experiment's runs: the filter box, the toolbar and the table, all driven by the URL. Runs load
 * page by page, newest first (the first page paints at once), up to the view's limit; sorting and
 * grouping happen here, over every loaded run, without asking the server again.
 */
export function RunsView({ experimentId }: { experimentId: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = parseRunsView(new URLSearchParams(searchParams.toString()));
  const request = runSearchRequestOf(experimentId, view);
  const columns = useMemo(() => viewColumns(view), [searchParams]); // eslint-disable-line react-hooks/exhaustive-deps
  const query = useInfiniteQuery(runQueries.list(request));
  const { data, error, hasNextPage, isFetchingNextPage, fetchNextPage, isFetching, refetch } = query;

  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: RunRow[] = [];
    for (const page of data?.pages ?? []) {
      for (const row of page.runs) {
        if (seen.has(row.runId)) continue;
        seen.add(row.runId);
        out.push(row);
      }
    }
    return out;
  }, [data]);
  const keys = useMemo(() => mergeKeys(data?.pages ?? []), [data]);
  const nodes = useMemo(() => nestRuns(sortRows(rows, columns, view.orderBy)), [rows, columns, searchParams]); // eslint-disable-line react-hooks/exhaustive-deps

  const loaded = rows.length;
  const wantsMore = Boolean(hasNextPage) && loaded < view.limit;
  // Keep loading pages until the view's limit or the last page: each page is a request of its own, so
  // the table is usable (and shows progress) while the rest arrives.
  useEffect(() => {
    if (wantsMore && !isFetchingNextPage && !error) void fetchNextPage();
  }, [wantsMore, isFetchingNextPage, error, fetchNextPage]);
  useLiveRuns(request, Boolean(data) && !error);

  const selectedIds = useSelectedRunIds(experimentId);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const anchor = useRunSelection((state) => state.anchor[experimentId] ?? null);
  const setSelection = useRunSelection((state) => state.set);
  const clearSelection = useRunSelection((state) => state.clear);

  // The native history API updates the URL without a server render; Next keeps useSearchParams in
  // step. A new filter, order or grouping is a history entry (Back undoes it); column changes replace it.
  const navigate = (next: View, mode: "push" | "replace" = "push") => {
    const search = runsViewSearchParams(next).toString();
    const url = search ? `${pathname}?${search}` : pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  const exportHref = (() => {
    const search = runsViewSearchParams(view).toString();
    return `/api/experiments/${experimentId}/runs.csv${search ? `?${search}` : ""}`;
  })();
  const truncated = Boolean(hasNextPage) && loaded >= view.limit;

  return (
    <div className="space-y-3">
      <ExperimentLlmUsage experimentId={experimentId} />
      <RunFilterBox key={view.filter} value={view.filter} onApply={(filter) => navigate({ ...view, filter })} />
      <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        <ColumnPicker
          keys={keys}
          columns={view.columns}
          onChange={(next) =>
            navigate(
              {
                ...view,
                columns: next,
                orderBy: view.orderBy.filter((o) => next.some((c) => columnId(c) === columnId(o.column))),
                groupBy:
                  view.groupBy && next.some((c) => columnId(c) === columnId(view.groupBy as RunColumn))
                    ? view.groupBy
                    : null,
              },
              "replace",
            )
          }
        />
        <GroupByPicker
          keys={keys}
          groupBy={view.groupBy}
          onChange={(groupBy) =>
            navigate({
              ...view,
              groupBy,
              columns:
                groupBy && !columns.some((c) => columnId(c) === columnId(groupBy))
                  ? [...view.columns, groupBy]
                  : view.columns,
            })
          }
        />
        <SavedViewsMenu
          experimentId={experimentId}
          view={view}
          onApply={(search) => window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname)}
        />
        <span aria-live="polite" data-testid="run-count" className="tabular-nums">
          {data ? `${loaded.toLocaleString("en-US")} run${loaded === 1 ? "" : "s"}` : null}
        </span>
        {wantsMore ? (
          <span data-testid="runs-loading-more" className="tabular-nums">
            loading more…
          </span>
        ) : null}
        {truncated ? (
          <span data-testid="runs-truncated">
            (the newest {view.limit.toLocaleString("en-US")}; more match{" "}
            <button
              type="button"
              className="text-primary underline-offset-4 hover:underline"
              onClick={() => navigate({ ...view, limit: Math.min(50_000, view.limit + 10_000) }, "replace")}
            >
              load {Math.min(10_000, 50_000 - view.limit).toLocaleString("en-US")} more
            </button>
            )
          </span>
        ) : null}
        {view.orderBy.length && wantsMore ? <span>· sorting what has loaded</span> : null}
        <div className="ml-auto flex items-center gap-2">
          {selected.size ? (
            <>
              <span data-testid="selected-count">{selected.size} selected</span>
              <Button variant="ghost" size="sm" onClick={() => clearSelection(experimentId)}>
                Clear
              </Button>
              <Button asChild size="sm" variant={selected.size >= 2 ? "default" : "outline"}>
                <Link href={`/compare?runs=${[...selected].join(",")}`} data-testid="compare-selected">
                  <GitCompareArrows /> Compare
                </Link>
              </Button>
            </>
          ) : null}
          <Button
            variant="outline"
            size="sm"
            aria-label="Reload the runs"
            title="Reload the runs"
            onClick={() => void refetch()}
            disabled={isFetching}
          >
            <RefreshCw className={isFetching ? "animate-spin" : undefined} />
          </Button>
          {loaded ? (
            <Button variant="outline" size="sm" asChild>
              <a href={exportHref} download data-testid="export-csv">
                <Download /> Export CSV
              </a>
            </Button>
          ) : null}
        </div>
      </div>
      {error && !data ? (
        <ErrorState title="Could not load runs" error={error} onRetry={() => void refetch()} />
      ) : data ? (
        <>
          {error ? (
            <ErrorState title="Could not load more runs" error={error} onRetry={() => void fetchNextPage()} />
          ) : null}
          {loaded === 0 ? (
            <p data-testid="runs-empty" className="rounded-md border p-6 text-sm text-muted-foreground">
              {view.filter
                ? "No runs match this filter. Clear it, or check the syntax hints above."
                : "No runs in this experiment yet: log one with mlflow.start_run() or track(), pointing MLFLOW_TRACKING_URI at this UI."}
            </p>
          ) : (
            <RunsTable
              experimentId={experimentId}
              columns={columns}
              nodes={nodes}
              orderBy={view.orderBy}
              onOrder={(column, additive) => navigate({ ...view, orderBy: nextOrder(view.orderBy, column, additive) })}
              groupBy={view.groupBy}
              selected={selected}
              anchor={anchor}
              onSelect={(runIds, value, options) => setSelection(experimentId, runIds, value, options?.anchor)}
            />
          )}
        </>
      ) : (
        <Skeleton className="h-80 w-full" data-testid="runs-loading" />
      )}
    </div>
  );
}
