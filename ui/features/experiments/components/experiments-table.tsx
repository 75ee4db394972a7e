"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Timestamp } from "@/components/timestamp";
import { cn } from "@/lib/utils";
import type { ExperimentSummary } from "../schemas";
import type { ExperimentSort, ExperimentSortField } from "../search-params";
import { ExperimentRowActions, type ExperimentAction } from "./experiment-row-actions";

const ROW_HEIGHT = 41;
/** Ask for the next page when the last rendered row is this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 25;
const GRID = "grid grid-cols-[minmax(14rem,2fr)_5rem_10.5rem_10.5rem_minmax(10rem,3fr)_3rem] items-center";

const SORTABLE: { field: ExperimentSortField; label: string; firstDescending: boolean }[] = [
  { field: "name", label: "Name", firstDescending: false },
  { field: "created", label: "Created", firstDescending: true },
  { field: "updated", label: "Last updated", firstDescending: true },
];

function SortHeader({
  field,
  label,
  firstDescending,
  sort,
  onSort,
}: {
  field: ExperimentSortField;
  label: string;
  firstDescending: boolean;
  sort: ExperimentSort;
  onSort: (sort: ExperimentSort) => void;
}) {
  const active = sort.field === field;
  return (
    <div
      role="columnheader"
      aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
      className="px-3 py-2"
    >
      <button
        type="button"
        className="hover:text-foreground"
        onClick={() => onSort({ field, descending: active ? !sort.descending : firstDescending })}
      >
        {label}
        {active ? (sort.descending ? " ↓" : " ↑") : ""}
      </button>
    </div>
  );
}

/**
 * The loaded experiments, virtualised: only the rows in view (plus a few) are in the DOM, so
 * thousands scroll like ten. Scrolling near the end asks for the next page.
 */
export function ExperimentsTable({
  experiments,
  sort,
  onSort,
  onEndReached,
  onAction,
  busy,
}: {
  experiments: readonly ExperimentSummary[];
  sort: ExperimentSort;
  onSort: (sort: ExperimentSort) => void;
  onEndReached: () => void;
  onAction: (action: ExperimentAction) => void;
  busy: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands out new functions on every render, so the React Compiler leaves this
  // component unmemoised; that is what a scrolling list wants anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: experiments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Before the browser measures (and in the server render) assume a screenful, so rows paint at once.
    initialRect: { width: 1200, height: 720 },
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const last = items[items.length - 1];
      if (last && last.index >= experiments.length - LOAD_AHEAD_ROWS) onEndReached();
    },
  });

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label="Experiments"
      aria-rowcount={experiments.length + 1}
      aria-busy={busy}
      data-testid="experiments-table"
      className={cn(
        "max-h-[calc(100vh-17rem)] min-h-48 overflow-auto rounded-md border transition-opacity",
        busy && "opacity-60",
      )}
    >
      <div className="min-w-[56rem]">
        <div
          role="row"
          aria-rowindex={1}
          className={cn(
            GRID,
            "sticky top-0 z-10 border-b bg-muted/80 text-xs font-medium text-muted-foreground backdrop-blur",
          )}
        >
          <SortHeader {...SORTABLE[0]!} sort={sort} onSort={onSort} />
          <div role="columnheader" className="px-3 py-2">
            ID
          </div>
          <SortHeader {...SORTABLE[1]!} sort={sort} onSort={onSort} />
          <SortHeader {...SORTABLE[2]!} sort={sort} onSort={onSort} />
          <div role="columnheader" className="px-3 py-2">
            Description
          </div>
          <div role="columnheader" className="px-3 py-2">
            <span className="sr-only">Actions</span>
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const experiment = experiments[item.index] as ExperimentSummary;
            return (
              <ExperimentRow
                key={experiment.experimentId}
                experiment={experiment}
                index={item.index}
                top={item.start}
                onAction={onAction}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function ExperimentRow({
  experiment,
  index,
  top,
  onAction,
}: {
  experiment: ExperimentSummary;
  index: number;
  top: number;
  onAction: (action: ExperimentAction) => void;
}) {
  const deleted = experiment.lifecycleStage === "deleted";
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="experiment-row"
      data-experiment-id={experiment.experimentId}
      className={cn(GRID, "absolute inset-x-0 border-b text-sm hover:bg-muted/50")}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <div role="cell" className="flex min-w-0 items-center gap-2 px-3 font-medium">
        <Link
          href={`/experiments/${experiment.experimentId}`}
          className={cn("truncate hover:underline", deleted && "text-muted-foreground")}
          title={experiment.name}
          data-testid="experiment-link"
        >
          {experiment.name}
        </Link>
        {deleted ? <Badge variant="outline">Deleted</Badge> : null}
      </div>
      <div role="cell" className="truncate px-3 font-mono text-xs text-muted-foreground">
        {experiment.experimentId}
      </div>
      <div role="cell" className="px-3">
        <Timestamp ms={experiment.creationTime} />
      </div>
      <div role="cell" className="px-3">
        <Timestamp ms={experiment.lastUpdateTime} />
      </div>
      <div role="cell" className="truncate px-3 text-muted-foreground" title={experiment.description}>
        {experiment.description}
      </div>
      <div role="cell" className="flex justify-end px-2">
        <ExperimentRowActions experiment={experiment} onAction={onAction} />
      </div>
    </div>
  );
}
