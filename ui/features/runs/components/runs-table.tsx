"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronDown, ChevronRight } from "lucide-react";
import { memo, useRef } from "react";
import { ORDERABLE_ATTRIBUTES, columnId, type RunColumn, type RunOrder } from "../columns";
import type { DisplayRow } from "../nest-runs";
import type { RunRow } from "../schemas";
import { CellValue, columnLabel } from "./cells";

const ROW_HEIGHT = 36;
const COLUMN_WIDTH = 160;

/** The column a header click orders by, or undefined where MLflow cannot order (derived attributes). */
export function orderColumnOf(column: RunColumn): RunOrder["column"] | undefined {
  if (column.type !== "attribute") return { type: column.type, key: column.key };
  return column.key in ORDERABLE_ATTRIBUTES
    ? { type: "attribute", key: column.key as keyof typeof ORDERABLE_ATTRIBUTES }
    : undefined;
}

function sameColumn(a: RunOrder["column"], b: RunOrder["column"]): boolean {
  return a.type === b.type && a.key === b.key;
}

/**
 * Rows are virtualised: only those in view (plus a few) are in the DOM, so 10,000 runs scroll like 10.
 * Clicking a header orders by it (ascending, then descending).
 */
export function RunsTable({
  columns,
  runs,
  orderBy,
  onOrder,
  expanded,
  onToggle,
}: {
  columns: readonly RunColumn[];
  runs: readonly DisplayRow[];
  orderBy: readonly RunOrder[];
  onOrder: (order: RunOrder) => void;
  expanded: ReadonlySet<string>;
  onToggle: (runId: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands out new functions on every render, so the React Compiler leaves this
  // component unmemoised; that is what a scrolling list wants anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const width = columns.length * COLUMN_WIDTH;
  const current = orderBy[0];

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-rowcount={runs.length + 1}
      data-testid="runs-table"
      className="h-[calc(100vh-16rem)] min-h-80 overflow-auto rounded-md border"
    >
      <div role="row" className="sticky top-0 z-10 flex border-b bg-muted/80 backdrop-blur" style={{ width }}>
        {columns.map((column) => {
          const orderColumn = orderColumnOf(column);
          const active = current && orderColumn && sameColumn(current.column, orderColumn);
          const label = columnLabel(column);
          return (
            <div
              key={columnId(column)}
              role="columnheader"
              aria-sort={active ? (current.descending ? "descending" : "ascending") : "none"}
              className="shrink-0 truncate px-3 py-2 text-left text-xs font-medium text-muted-foreground"
              style={{ width: COLUMN_WIDTH }}
              title={label}
            >
              {orderColumn ? (
                <button
                  type="button"
                  className="truncate hover:text-foreground"
                  onClick={() => onOrder({ column: orderColumn, descending: Boolean(active && !current.descending) })}
                >
                  {label}
                  {active ? (current.descending ? " ↓" : " ↑") : ""}
                </button>
              ) : (
                label
              )}
            </div>
          );
        })}
      </div>
      <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize(), width }}>
        {virtualizer.getVirtualItems().map((item) => {
          const display = runs[item.index] as DisplayRow;
          return (
            <RunRowView
              key={display.row.runId}
              row={display.row}
              depth={display.depth}
              childCount={display.childCount}
              isExpanded={expanded.has(display.row.runId)}
              onToggle={onToggle}
              columns={columns}
              index={item.index}
              top={item.start}
              width={width}
            />
          );
        })}
      </div>
    </div>
  );
}

/**
 * One row. Memoised: a live refresh keeps unchanged rows as the same objects (TanStack Query's
 * structural sharing), so only rows whose run changed render again.
 */
const RunRowView = memo(function RunRowView({
  row,
  depth,
  childCount,
  isExpanded,
  onToggle,
  columns,
  index,
  top,
  width,
}: {
  row: RunRow;
  depth: number;
  childCount: number;
  isExpanded: boolean;
  onToggle: (runId: string) => void;
  columns: readonly RunColumn[];
  index: number;
  top: number;
  width: number;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-level={depth + 1}
      aria-expanded={childCount ? isExpanded : undefined}
      data-testid="run-row"
      data-run-id={row.runId}
      className="absolute left-0 flex border-b text-sm hover:bg-muted/50"
      style={{ top, height: ROW_HEIGHT, width }}
    >
      {columns.map((column, i) => (
        <div
          key={i}
          role="cell"
          className="flex shrink-0 items-center gap-1 truncate px-3"
          style={{ width: COLUMN_WIDTH }}
        >
          {i === 0 ? (
            <span className="flex shrink-0 items-center" style={{ paddingLeft: depth * 16 }}>
              {childCount ? (
                <button
                  type="button"
                  aria-label={`${isExpanded ? "Collapse" : "Expand"} ${childCount} child run${childCount === 1 ? "" : "s"}`}
                  className="rounded-sm text-muted-foreground hover:text-foreground"
                  onClick={() => onToggle(row.runId)}
                >
                  {isExpanded ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
                </button>
              ) : depth > 0 ? (
                <span className="size-4" />
              ) : null}
            </span>
          ) : null}
          <span className="truncate">
            <CellValue column={column} cell={row.cells[i] ?? null} />
          </span>
        </div>
      ))}
    </div>
  );
});
