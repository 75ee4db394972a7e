"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { experimentQueries } from "../queries";
import { ExperimentsEmpty } from "./experiments-empty";
import { ExperimentsTable } from "./experiments-table";

export function ExperimentsView() {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(experimentQueries.list());
  const experiments = data.pages.flatMap((page) => page.items);
  if (experiments.length === 0) return <ExperimentsEmpty />;
  return (
    <div className="space-y-4">
      <ExperimentsTable experiments={experiments} />
      {hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
