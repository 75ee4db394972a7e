"use client";

import { Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import {
  EXPERIMENT_SORT_VALUES,
  formatExperimentSort,
  parseExperimentLifecycleView,
  parseExperimentSort,
  type ExperimentLifecycleView,
  type ExperimentSort,
  type ExperimentSortValue,
} from "../search-params";

/** How long typing pauses before the list searches. */
const SEARCH_DEBOUNCE_MS = 300;

const SORT_LABELS: Record<ExperimentSortValue, string> = {
  "updated:desc": "Last updated, newest first",
  "updated:asc": "Last updated, oldest first",
  "created:desc": "Created, newest first",
  "created:asc": "Created, oldest first",
  "name:asc": "Name, A to Z",
  "name:desc": "Name, Z to A",
};

/**
 * The name search. It searches as the user types (debounced) and on Enter; the URL holds the search,
 * and a search changed from outside (Back, "Clear search") replaces what the box shows.
 */
export function ExperimentSearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [urlValue, setUrlValue] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  if (value !== urlValue) {
    setUrlValue(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (next: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (next.trim() !== value) onSearch(next.trim());
    }, delay);
  };

  return (
    <div className="relative w-full max-w-sm" role="search">
      <Search
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <input
        type="text"
        aria-label="Search experiments by name"
        data-testid="experiment-search"
        value={text}
        placeholder="Search by name"
        spellCheck={false}
        autoComplete="off"
        maxLength={500}
        onChange={(event) => {
          setText(event.target.value);
          search(event.target.value, SEARCH_DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") search(text, 0);
          if (event.key === "Escape" && text) {
            setText("");
            search("", 0);
          }
        }}
        className="h-9 w-full rounded-md border bg-background pr-8 pl-8 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      />
      {text ? (
        <button
          type="button"
          aria-label="Clear search"
          className="absolute top-1/2 right-2 -translate-y-1/2 text-muted-foreground hover:text-foreground"
          onClick={() => {
            setText("");
            search("", 0);
          }}
        >
          <X className="size-4" />
        </button>
      ) : null}
    </div>
  );
}

export function ExperimentSortSelect({
  sort,
  onSort,
}: {
  sort: ExperimentSort;
  onSort: (sort: ExperimentSort) => void;
}) {
  return (
    <Select
      value={formatExperimentSort(sort)}
      onValueChange={(value) => {
        const next = parseExperimentSort(value);
        if (next) onSort(next);
      }}
    >
      <SelectTrigger size="sm" aria-label="Sort experiments" data-testid="experiment-sort">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {EXPERIMENT_SORT_VALUES.map((value) => (
          <SelectItem key={value} value={value}>
            {SORT_LABELS[value]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function ExperimentLifecycleTabs({
  view,
  onView,
}: {
  view: ExperimentLifecycleView;
  onView: (view: ExperimentLifecycleView) => void;
}) {
  return (
    <Tabs
      value={view}
      onValueChange={(value) => {
        const next = parseExperimentLifecycleView(value);
        if (next) onView(next);
      }}
    >
      <TabsList aria-label="Which experiments">
        <TabsTrigger value="active">Active</TabsTrigger>
        <TabsTrigger value="deleted">Deleted</TabsTrigger>
        <TabsTrigger value="all">All</TabsTrigger>
      </TabsList>
    </Tabs>
  );
}
