"use client";

import { useMemo } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { paramRows } from "../params-diff";
import { RunColumnHead, useRunColumns } from "./compare-run-columns";
import type { CompareSectionProps } from "./section-props";

/** The "Only differences" switch, kept in the URL (`diff=1`). */
export function OnlyDifferencesToggle({ view, onChange }: Pick<CompareSectionProps, "view" | "onChange">) {
  return (
    <div className="flex items-center gap-2">
      <Checkbox
        id="compare-only-diff"
        checked={view.onlyDiff}
        onCheckedChange={(checked) => onChange({ ...view, onlyDiff: checked === true })}
        data-testid="compare-only-diff"
      />
      <Label htmlFor="compare-only-diff" className="text-sm font-normal">
        Only differences
      </Label>
    </div>
  );
}

/**
 * One row per param key, one column per shown run, values as text. Cells away from the value most runs
 * share are highlighted; "Only differences" keeps only the params whose value is not the same everywhere.
 */
export function CompareParamsTable({ view, shown, colors }: CompareSectionProps) {
  const all = useMemo(() => paramRows(shown), [shown]);
  const rows = view.onlyDiff ? all.filter((row) => row.differs) : all;
  const differing = all.filter((row) => row.differs).length;
  const { columns, toggle } = useRunColumns(shown);

  if (shown.length === 0)
    return <p className="text-sm text-muted-foreground">No runs shown: show some from the legend.</p>;
  if (all.length === 0)
    return (
      <p className="text-sm text-muted-foreground" data-testid="compare-params-empty">
        None of the shown runs logged a param.
      </p>
    );
  return (
    <div className="space-y-2">
      <p className="text-sm text-muted-foreground" data-testid="compare-params-count">
        {all.length} param{all.length === 1 ? "" : "s"}, {differing} differ{differing === 1 ? "s" : ""}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="compare-params-empty">
          Every param has the same value in every shown run. Untick &ldquo;Only differences&rdquo; to see them.
        </p>
      ) : (
        <div className="max-h-[36rem] overflow-auto rounded-md border">
          <Table data-testid="compare-params-table">
            <TableHeader className="sticky top-0 z-10 bg-background">
              <TableRow>
                <TableHead className="sticky left-0 z-10 bg-background">Param</TableHead>
                {columns.map((run) => (
                  <RunColumnHead key={run.runId} run={run} color={colors.get(run.runId)} />
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow
                  key={row.key}
                  data-testid="compare-param-row"
                  data-key={row.key}
                  data-differs={row.differs || undefined}
                >
                  <TableHead
                    scope="row"
                    className="sticky left-0 max-w-64 truncate bg-background font-mono text-xs"
                    title={row.key}
                  >
                    {row.key}
                  </TableHead>
                  {columns.map((run, i) => {
                    const value = row.values[i] ?? null;
                    return (
                      <TableCell
                        key={run.runId}
                        className={cn(
                          "max-w-48 truncate font-mono text-xs",
                          row.highlighted[i] && "bg-amber-500/15 text-foreground",
                        )}
                        title={value ?? "not logged"}
                        data-highlighted={row.highlighted[i] || undefined}
                      >
                        {value === null ? <span className="text-muted-foreground">—</span> : value}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {toggle}
    </div>
  );
}
