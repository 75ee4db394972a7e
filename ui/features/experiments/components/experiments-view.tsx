"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ErrorState } from "@/components/error-state";
import { Button } from "@/components/ui/button";
import { useHasRole } from "@/features/auth";
import { useDeleteExperiment, useRestoreExperiment } from "../hooks/use-experiment-mutations";
import { experimentRows } from "../list-rows";
import { experimentQueries } from "../queries";
import { experimentListViewSearchParams, parseExperimentListView, type ExperimentListView } from "../search-params";
import { CreateExperimentDialog } from "./create-experiment-dialog";
import { DeleteExperimentDialog } from "./delete-experiment-dialog";
import type { ExperimentAction } from "./experiment-row-actions";
import { ExperimentsEmpty } from "./experiments-empty";
import { ExperimentsNoResults } from "./experiments-no-results";
import { ExperimentsSkeleton } from "./experiments-skeleton";
import { ExperimentsTable } from "./experiments-table";
import { ExperimentLifecycleTabs, ExperimentSearchBox, ExperimentSortSelect } from "./experiments-toolbar";
import { RenameExperimentDialog } from "./rename-experiment-dialog";

/** The experiments list: search, sort and Active/Deleted/All from the URL, pages from MLflow as the user scrolls. */
export function ExperimentsView() {
  const pathname = usePathname();
  const view = parseExperimentListView(new URLSearchParams(useSearchParams().toString()));
  const list = useInfiniteQuery(experimentQueries.list(view));
  const { data, error, hasNextPage, isFetching, isFetchingNextPage, isPlaceholderData, fetchNextPage, refetch } = list;
  const experiments = experimentRows(data?.pages);
  const [action, setAction] = useState<ExperimentAction | null>(null);
  const remove = useDeleteExperiment();
  const restore = useRestoreExperiment();
  const canEdit = useHasRole("editor");

  // The history API changes the URL without a server render; Next keeps useSearchParams in step.
  // Sort and view are history entries (Back undoes them); typing a search replaces the entry.
  const navigate = (next: ExperimentListView, mode: "push" | "replace" = "push") => {
    const search = experimentListViewSearchParams(next).toString();
    const url = search ? `${pathname}?${search}` : pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  const loadMore = () => {
    if (hasNextPage && !isFetching && !isPlaceholderData && !error) void fetchNextPage();
  };

  const onAction = (next: ExperimentAction) => {
    if (next.kind === "restore") restore.mutate(next.experiment.experimentId);
    else setAction(next);
  };

  let body: React.ReactNode;
  if (!data) {
    body = error ? (
      <ErrorState title="Could not load experiments" error={error} onRetry={() => void refetch()} />
    ) : (
      <ExperimentsSkeleton />
    );
  } else if (experiments.length === 0 && !hasNextPage) {
    body =
      view.q || view.view === "deleted" ? (
        <ExperimentsNoResults q={view.q} view={view.view} onClearSearch={() => navigate({ ...view, q: "" })} />
      ) : (
        <ExperimentsEmpty />
      );
  } else {
    body = (
      <div className="space-y-3">
        {experiments.length > 0 ? (
          <ExperimentsTable
            experiments={experiments}
            sort={view.sort}
            onSort={(sort) => navigate({ ...view, sort })}
            onEndReached={loadMore}
            onAction={onAction}
            busy={isPlaceholderData}
          />
        ) : (
          <p className="rounded-md border p-6 text-sm text-muted-foreground" data-testid="experiments-no-match-yet">
            No match among the experiments searched so far.
          </p>
        )}
        {error && !isPlaceholderData ? (
          <ErrorState title="Could not load more experiments" error={error} onRetry={() => void fetchNextPage()} />
        ) : hasNextPage ? (
          <div className="flex justify-center">
            <Button variant="outline" onClick={() => void fetchNextPage()} disabled={isFetching || isPlaceholderData}>
              {isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <ExperimentSearchBox value={view.q} onSearch={(q) => navigate({ ...view, q }, "replace")} />
        <ExperimentLifecycleTabs view={view.view} onView={(lifecycle) => navigate({ ...view, view: lifecycle })} />
        <ExperimentSortSelect sort={view.sort} onSort={(sort) => navigate({ ...view, sort })} />
        {canEdit ? (
          <div className="ml-auto">
            <CreateExperimentDialog />
          </div>
        ) : null}
      </div>
      <div className="flex min-h-5 items-center gap-3 text-sm text-muted-foreground" aria-live="polite">
        {data && !isPlaceholderData ? (
          <span data-testid="experiments-count" data-more={hasNextPage ? "true" : "false"}>
            {experiments.length.toLocaleString("en-US")} experiment{experiments.length === 1 ? "" : "s"} loaded
            {hasNextPage ? ", more available: scroll down or load more" : experiments.length > 0 ? ", that is all" : ""}
          </span>
        ) : null}
        {isFetching ? <span>Loading…</span> : null}
      </div>
      {body}
      <RenameExperimentDialog
        experiment={action?.kind === "rename" ? action.experiment : null}
        onClose={() => setAction(null)}
      />
      <DeleteExperimentDialog
        experiment={action?.kind === "delete" ? action.experiment : null}
        onConfirm={(experimentId) => remove.mutate(experimentId)}
        onClose={() => setAction(null)}
      />
    </div>
  );
}
