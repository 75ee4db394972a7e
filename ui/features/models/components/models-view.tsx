"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { ErrorState } from "@/components/error-state";
import { Button } from "@/components/ui/button";
import { modelRows } from "../list-rows";
import { modelQueries } from "../queries";
import { modelListViewSearchParams, parseModelListView, type ModelListView } from "../search-params";
import { ModelSearchBox } from "./model-search-box";
import { ModelsEmpty, ModelsNoResults } from "./models-empty";
import { ModelsSkeleton } from "./models-skeleton";
import { ModelsTable } from "./models-table";

/** The registered models list: the name search in the URL, pages from MLflow on "Load more". */
export function ModelsView() {
  const pathname = usePathname();
  const view = parseModelListView(new URLSearchParams(useSearchParams().toString()));
  const list = useInfiniteQuery(modelQueries.list(view));
  const { data, error, hasNextPage, isFetching, isFetchingNextPage, isPlaceholderData, fetchNextPage, refetch } = list;
  const models = modelRows(data?.pages);

  // Typing a search replaces the history entry; Next keeps useSearchParams in step with the history API.
  const navigate = (next: ModelListView) => {
    const search = modelListViewSearchParams(next).toString();
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  };

  let body: React.ReactNode;
  if (!data) {
    body = error ? (
      <ErrorState title="Could not load registered models" error={error} onRetry={() => void refetch()} />
    ) : (
      <ModelsSkeleton />
    );
  } else if (models.length === 0 && !hasNextPage) {
    body = view.q ? <ModelsNoResults q={view.q} onClearSearch={() => navigate({ q: "" })} /> : <ModelsEmpty />;
  } else {
    body = (
      <div className="space-y-3">
        {models.length > 0 ? (
          <ModelsTable models={models} busy={isPlaceholderData} />
        ) : (
          <p className="rounded-md border p-6 text-sm text-muted-foreground">
            No match among the registered models searched so far.
          </p>
        )}
        {error && !isPlaceholderData ? (
          <ErrorState title="Could not load more models" error={error} onRetry={() => void fetchNextPage()} />
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
      <ModelSearchBox value={view.q} onSearch={(q) => navigate({ q })} />
      <div className="flex min-h-5 items-center gap-3 text-sm text-muted-foreground" aria-live="polite">
        {data && !isPlaceholderData ? (
          <span data-testid="models-count" data-more={hasNextPage ? "true" : "false"}>
            {models.length.toLocaleString("en-US")} registered model{models.length === 1 ? "" : "s"} loaded
            {hasNextPage ? ", more available" : models.length > 0 ? ", that is all" : ""}
          </span>
        ) : null}
        {isFetching ? <span>Loading…</span> : null}
      </div>
      {body}
    </div>
  );
}
