"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table";
import type { CompareRun } from "../schemas";
import { RunSwatch } from "./compare-value";

/** Run columns drawn before "show all": a table of 500 run columns is for those who ask for it. */
export const RUN_COLUMN_LIMIT = 50;

/** The first `RUN_COLUMN_LIMIT` runs, or all of them once asked, and the button that asks. */
export function useRunColumns(runs: readonly CompareRun[]) {
  const [all, setAll] = useState(false);
  const columns = all ? runs : runs.slice(0, RUN_COLUMN_LIMIT);
  const toggle =
    runs.length > RUN_COLUMN_LIMIT ? (
      <Button variant="ghost" size="sm" onClick={() => setAll(!all)} data-testid="compare-columns-more">
        {all
          ? `Show the first ${RUN_COLUMN_LIMIT} runs only`
          : `Showing ${RUN_COLUMN_LIMIT} of ${runs.length} runs: show all`}
      </Button>
    ) : null;
  return { columns, toggle };
}

/** A run's column heading: its colour and name. */
export function RunColumnHead({ run, color }: { run: CompareRun; color: string | undefined }) {
  return (
    <TableHead className="max-w-48 min-w-32 align-bottom" data-run-id={run.runId}>
      <span className="flex min-w-0 items-center gap-1.5">
        <RunSwatch color={color} />
        <span className="truncate" title={run.runName || run.runId}>
          {run.runName || run.runId}
        </span>
      </span>
    </TableHead>
  );
}
