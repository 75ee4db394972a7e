"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { columnId, type RunCell, type RunColumn } from "../columns";
import { groupStats, type GroupStats } from "../group-stats";
import type { RunNode } from "../nest-runs";
import { cellText, columnLabel } from "./cells";

/** The id of the selection column; every other column's id is its `columnId`. */
export const SELECT_COLUMN = "select";

const WIDTHS: Partial<Record<string, number>> = {
  "attribute:runName": 240,
  "attribute:status": 110,
  "attribute:startTime": 150,
  "attribute:duration": 96,
  "attribute:userId": 120,
  "attribute:source": 180,
  "attribute:gitCommit": 100,
};

function defaultWidth(column: RunColumn): number {
  return WIDTHS[columnId(column)] ?? (column.type === "metric" ? 130 : 150);
}

/** What a grouped row's metric cell holds: the group's statistics, or null without a finite value. */
export type AggregatedCell = GroupStats | null;

/** The view's columns for TanStack Table: values are read from the projected cells by position. */
export function runTableColumns(columns: readonly RunColumn[]): ColumnDef<RunNode, RunCell | AggregatedCell>[] {
  return [
    { id: SELECT_COLUMN, size: 40, minSize: 40, maxSize: 40, enableResizing: false, enableGrouping: false },
    ...columns.map((column, index): ColumnDef<RunNode, RunCell | AggregatedCell> => ({
      id: columnId(column),
      header: columnLabel(column),
      accessorFn: (node) => node.row.cells[index] ?? null,
      size: defaultWidth(column),
      minSize: 60,
      maxSize: 800,
      enableGrouping: column.type !== "metric",
      getGroupingValue: (node) => cellText(node.row.cells[index] ?? null),
      ...(column.type === "metric"
        ? {
            aggregationFn: (id, leafRows) => groupStats(leafRows.map((row) => row.getValue<RunCell>(id))),
          }
        : {}),
      meta: { column },
    })),
  ];
}

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** The view column behind a table column (absent for the selection column). */
    column?: RunColumn;
  }
}
