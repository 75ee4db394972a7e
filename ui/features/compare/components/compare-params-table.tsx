"use client";

import { ArrowLeftRight } from "lucide-react";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { paramRows, type ParamRow } from "../params-diff";
import type { CompareRun } from "../schemas";
import { RunColumnHead, useRunColumns } from "./compare-run-columns";
import { RunSwatch } from "./compare-value";
import type { CompareSectionProps } from "./section-props";

/** The "Only differences" switch (`diff=1`) and the transpose button (`pt=1`), kept in the URL. */
export function ParamsTableControls({ view, onChange }: Pick<CompareSectionProps, "view" | "onChange">) {
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        aria-pressed={view.paramsByRun}
        onClick={() => onChange({ ...view, paramsByRun: !view.paramsByRun })}
        data-testid="compare-params-transpose"
      >
        <ArrowLeftRight /> {view.paramsByRun ? "Runs as columns" : "Runs as rows"}
      </Button>
      <OnlyDifferencesToggle view={view} onChange={onChange} />
    </>
  );
}

function OnlyDifferencesToggle({ view, onChange }: Pick<CompareSectionProps, "view" | "onChange">) {
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
 * One row per param key, one column per shown run (or transposed: a row per run), values as text.
 * Cells away from the value most runs share are highlighted; "Only differences" keeps only the params
 * whose value is not the same everywhere.
 */
export function CompareParamsTable({ view, shown, colors }: CompareSectionProps) {
  const all = useMemo(() => paramRows(shown), [shown]);
  const rows = view.onlyDiff ? all.filter((row) => row.differs) : all;
  const differing = all.filter((row) => row.differs).length;
  const { columns: runs, toggle } = useRunColumns(shown);

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
          {view.paramsByRun ? (
            <ParamsByRun rows={rows} runs={runs} colors={colors} />
          ) : (
            <ParamsByKey rows={rows} runs={runs} colors={colors} />
          )}
        </div>
      )}
      {toggle}
    </div>
  );
}

interface TableProps {
  rows: readonly ParamRow[];
  /** The runs drawn, the first of the shown runs: a row's values follow the same order. */
  runs: readonly CompareRun[];
  colors: ReadonlyMap<string, string>;
}

function ValueCell({ row, index }: { row: ParamRow; index: number }) {
  const value = row.values[index] ?? null;
  return (
    <TableCell
      className={cn("max-w-48 truncate font-mono text-xs", row.highlighted[index] && "bg-amber-500/15 text-foreground")}
      title={value ?? "not logged"}
      data-highlighted={row.highlighted[index] || undefined}
    >
      {value === null ? <span className="text-muted-foreground">—</span> : value}
    </TableCell>
  );
}

function ParamsByKey({ rows, runs, colors }: TableProps) {
  return (
    <Table data-testid="compare-params-table">
      <TableHeader className="sticky top-0 z-10 bg-background">
        <TableRow>
          <TableHead className="sticky left-0 z-10 bg-background">Param</TableHead>
          {runs.map((run) => (
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
            {runs.map((run, i) => (
              <ValueCell key={run.runId} row={row} index={i} />
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ParamsByRun({ rows, runs, colors }: TableProps) {
  return (
    <Table data-testid="compare-params-table" data-transposed="true">
      <TableHeader className="sticky top-0 z-10 bg-background">
        <TableRow>
          <TableHead className="sticky left-0 z-10 bg-background">Run</TableHead>
          {rows.map((row) => (
            <TableHead
              key={row.key}
              className="max-w-48 truncate font-mono text-xs"
              title={row.key}
              data-testid="compare-param-head"
              data-key={row.key}
              data-differs={row.differs || undefined}
            >
              {row.key}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((run, i) => (
          <TableRow key={run.runId} data-testid="compare-param-run-row" data-run-id={run.runId}>
            <TableHead scope="row" className="sticky left-0 max-w-56 bg-background">
              <span className="flex min-w-0 items-center gap-1.5">
                <RunSwatch color={colors.get(run.runId)} />
                <span className="truncate" title={run.runName || run.runId}>
                  {run.runName || run.runId}
                </span>
              </span>
            </TableHead>
            {rows.map((row) => (
              <ValueCell key={row.key} row={row} index={i} />
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
