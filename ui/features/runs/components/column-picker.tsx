"use client";

import { Columns3 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { METRIC_AGGREGATES, columnId, type RunColumn } from "../columns";
import type { RunSearchResult } from "../schemas";

type Keys = RunSearchResult["keys"];

/** Params, metrics (last, min or max) and tags as columns, searchable by key; the choice lives in the URL. */
export function ColumnPicker({
  keys,
  columns,
  onChange,
}: {
  keys: Keys;
  columns: readonly RunColumn[];
  onChange: (columns: RunColumn[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const chosen = new Set(columns.map(columnId));
  const needle = search.trim().toLowerCase();
  const matches = (key: string) => key.toLowerCase().includes(needle);

  const toggle = (column: RunColumn) => {
    const id = columnId(column);
    onChange(chosen.has(id) ? columns.filter((c) => columnId(c) !== id) : [...columns, column]);
  };

  const sections: { title: string; type: "param" | "metric" | "tag"; keys: string[] }[] = [
    { title: "Metrics", type: "metric", keys: keys.metrics.filter(matches) },
    { title: "Params", type: "param", keys: keys.params.filter(matches) },
    { title: "Tags", type: "tag", keys: keys.tags.filter(matches) },
  ];

  return (
    <div className="relative">
      <Button variant="outline" size="sm" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Columns3 /> Columns{columns.length ? ` (${columns.length})` : ""}
      </Button>
      {open ? (
        <div
          role="dialog"
          aria-label="Choose columns"
          data-testid="column-picker"
          className="absolute right-0 z-20 mt-1 w-96 rounded-md border bg-popover p-3 text-popover-foreground shadow-md"
          onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
        >
          <input
            aria-label="Search columns"
            autoFocus
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Search params, metrics and tags"
            className="mb-2 w-full rounded-md border bg-background px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
          />
          <div className="max-h-96 space-y-3 overflow-y-auto">
            {sections.map((section) =>
              section.keys.length ? (
                <fieldset key={section.type}>
                  <legend className="mb-1 text-xs font-medium text-muted-foreground">{section.title}</legend>
                  {section.keys.map((key) => (
                    <div key={key} className="flex items-center gap-2 py-0.5 text-sm">
                      <span className="flex-1 truncate" title={key}>
                        {key}
                      </span>
                      {section.type === "metric" ? (
                        METRIC_AGGREGATES.map((aggregate) => (
                          <label key={aggregate} className="flex items-center gap-1 text-xs">
                            <input
                              type="checkbox"
                              aria-label={`${key} (${aggregate})`}
                              checked={chosen.has(columnId({ type: "metric", key, aggregate }))}
                              onChange={() => toggle({ type: "metric", key, aggregate })}
                            />
                            {aggregate}
                          </label>
                        ))
                      ) : (
                        <input
                          type="checkbox"
                          aria-label={`${section.title.slice(0, -1)} ${key}`}
                          checked={chosen.has(columnId(entityColumn(section.type, key)))}
                          onChange={() => toggle(entityColumn(section.type, key))}
                        />
                      )}
                    </div>
                  ))}
                </fieldset>
              ) : null,
            )}
            {sections.every((section) => section.keys.length === 0) ? (
              <p className="text-sm text-muted-foreground">No key matches “{search}”.</p>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function entityColumn(type: "param" | "metric" | "tag", key: string): RunColumn {
  return type === "metric" ? { type, key, aggregate: "last" } : { type, key };
}
