"use client";

import { Group } from "lucide-react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { columnId, type RunColumn } from "../columns";
import type { RunSearchResult } from "../schemas";
import { parseColumn } from "../search-params";
import { columnLabel } from "./cells";

const NONE = "none";
const ATTRIBUTES: RunColumn[] = [
  { type: "attribute", key: "status" },
  { type: "attribute", key: "userId" },
  { type: "attribute", key: "source" },
  { type: "attribute", key: "gitCommit" },
];

/** Group the table's runs by an attribute, a param or a tag; each group shows its metrics' mean ± std. */
export function GroupByPicker({
  keys,
  groupBy,
  onChange,
}: {
  keys: RunSearchResult["keys"];
  groupBy: RunColumn | null;
  onChange: (groupBy: RunColumn | null) => void;
}) {
  const options: { heading: string; columns: RunColumn[] }[] = [
    { heading: "Params", columns: keys.params.map((key) => ({ type: "param", key })) },
    {
      heading: "Tags",
      columns: keys.tags.filter((key) => !key.startsWith("mlflow.")).map((key) => ({ type: "tag", key })),
    },
    { heading: "Attributes", columns: ATTRIBUTES },
  ];
  const value = groupBy ? columnId(groupBy) : NONE;
  const known = options.some((o) => o.columns.some((c) => columnId(c) === value));
  return (
    <Select value={value} onValueChange={(next) => onChange(next === NONE ? null : (parseColumn(next) ?? null))}>
      <SelectTrigger size="sm" aria-label="Group runs by" data-testid="group-by">
        <Group className="size-4" />
        <SelectValue placeholder="Group by" />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={NONE}>No grouping</SelectItem>
        {groupBy && !known ? <SelectItem value={value}>Group: {columnLabel(groupBy)}</SelectItem> : null}
        {options.map((option) =>
          option.columns.length ? (
            <div key={option.heading} role="group" aria-label={option.heading}>
              <div className="px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">{option.heading}</div>
              {option.columns.map((column) => (
                <SelectItem key={columnId(column)} value={columnId(column)}>
                  Group: {columnLabel(column)}
                </SelectItem>
              ))}
            </div>
          ) : null,
        )}
      </SelectContent>
    </Select>
  );
}
