"use client";

import {
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  useReactTable,
  type ExpandedState,
  type Row,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { columnId, type RunColumn, type RunOrder } from "../columns";
import type { RunNode } from "../nest-runs";
import { GroupRowView, RunRowView, type RowHandlers, type RowLayout } from "./runs-table-rows";
import { runTableColumns, SELECT_COLUMN } from "./runs-table-columns";
import { RunsTableHeader } from "./runs-table-header";

const ROW_HEIGHT = 36;

export interface RunsTableProps {
  experimentId: string;
  columns: readonly RunColumn[];
  /** The view's runs, already sorted and nested. */
  nodes: readonly RunNode[];
  orderBy: readonly RunOrder[];
  /** Click: order by this column (again: descending, then unordered); shift-click: add it as a further key. */
  onOrder: (column: RunColumn, additive: boolean) => void;
  groupBy: RunColumn | null;
  selected: ReadonlySet<string>;
  /** The run a shift-click extends a range from: the last one ticked or unticked by a click. */
  anchor: string | null;
  /** Tick or untick runs; `range` asks to extend from the last ticked run (shift-click). */
  onSelect: (runIds: string[], selected: boolean, options?: { anchor?: string }) => void;
}

/** The runs among `rows` (group rows left out), top to bottom. */
function visibleRunIds(rows: readonly Row<RunNode>[]): string[] {
  return rows.flatMap((row) => (row.getIsGrouped() ? [] : [row.original.row.runId]));
}

/**
 * The runs table: TanStack Table for columns (resizable), nested runs, grouping with per-group metric
 * statistics and selection; TanStack Virtual so only the rows in view are in the DOM, which keeps
 * 10,000 runs as smooth as 10. Keyboard: arrows move, Space or x ticks (Shift extends), Enter opens,
 * ArrowRight/ArrowLeft expand and collapse, Home/End, PageUp/PageDown.
 */
export function RunsTable({
  experimentId,
  columns,
  nodes,
  orderBy,
  onOrder,
  groupBy,
  selected,
  anchor,
  onSelect,
}: RunsTableProps) {
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const [active, setActive] = useState(0);
  const tableColumns = useMemo(() => runTableColumns(columns), [columns]);
  const grouping = useMemo(() => (groupBy ? [columnId(groupBy)] : []), [groupBy]);

  // TanStack Table and Virtual hand out new functions on every render, so the React Compiler leaves
  // this component unmemoised; a scrolling table wants that anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: nodes as RunNode[],
    columns: tableColumns,
    getRowId: (node) => node.row.runId,
    getSubRows: (node) => (node.children.length ? node.children : undefined),
    getCoreRowModel: getCoreRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    state: { expanded, grouping },
    onExpandedChange: setExpanded,
    autoResetExpanded: false,
    manualSorting: true,
    enableColumnResizing: true,
    columnResizeMode: "onChange",
    groupedColumnMode: false,
  });
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The server renders (and the browser hydrates) the rows a typical window shows, so the first
    // paint has runs in it before any script has run; the real size is measured right after.
    initialRect: { width: 1280, height: 720 },
  });

  const sizing = table.getState().columnSizing;
  const layout: RowLayout = useMemo(() => {
    const widths = table.getVisibleLeafColumns().map((column) => column.getSize());
    return { columns, widths, width: widths.reduce((sum, w) => sum + w, 0) };
    // The widths follow the sizing state and the columns; `table` is the same object throughout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, sizing, tableColumns]);

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const move = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  const anchorRange = (toIndex: number): string[] => {
    const from = anchor ? rows.findIndex((row) => !row.getIsGrouped() && row.original.row.runId === anchor) : -1;
    if (from < 0) return visibleRunIds(rows.slice(toIndex, toIndex + 1));
    const [lo, hi] = from < toIndex ? [from, toIndex] : [toIndex, from];
    return visibleRunIds(rows.slice(lo, hi + 1));
  };

  const select = (index: number, event: { shiftKey: boolean }) => {
    const row = rows[index];
    if (!row) return;
    const runIds = row.getIsGrouped()
      ? row.getLeafRows().flatMap((leaf) => (leaf.getIsGrouped() ? [] : [leaf.original.row.runId]))
      : [row.original.row.runId];
    if (event.shiftKey && !row.getIsGrouped()) {
      onSelect(anchorRange(index), true, { anchor: row.original.row.runId });
      return;
    }
    const isSelected = runIds.every((id) => selected.has(id));
    onSelect(runIds, !isSelected, { anchor: runIds.at(-1) as string });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const row = rows[activeIndex];
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case "ArrowDown":
        move(activeIndex + 1);
        if (event.shiftKey) select(Math.min(rows.length - 1, activeIndex + 1), { shiftKey: true });
        break;
      case "ArrowUp":
        move(activeIndex - 1);
        if (event.shiftKey) select(Math.max(0, activeIndex - 1), { shiftKey: true });
        break;
      case "PageDown":
        move(activeIndex + page);
        break;
      case "PageUp":
        move(activeIndex - page);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(rows.length - 1);
        break;
      case "ArrowRight":
        if (row?.getCanExpand() && !row.getIsExpanded()) row.toggleExpanded(true);
        else if (row?.getIsExpanded()) move(activeIndex + 1);
        break;
      case "ArrowLeft":
        if (row?.getIsExpanded()) row.toggleExpanded(false);
        else if (row?.getParentRow()) move(rows.indexOf(row.getParentRow() as Row<RunNode>));
        break;
      case " ":
      case "x":
        select(activeIndex, event);
        break;
      case "Enter":
        if (!row) break;
        if (row.getIsGrouped()) row.toggleExpanded();
        else router.push(`/experiments/${row.original.row.experimentId}/runs/${row.original.row.runId}`);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (index: number, event: MouseEvent) => {
    setActive(index);
    if ((event.target as HTMLElement).closest("a,button,input,[role=checkbox]")) return;
    scrollRef.current?.focus({ preventScroll: true });
  };

  // Rows are memoised, so they get handlers that never change and call the latest closures.
  const latest = useRef<RowHandlers>(null);
  useLayoutEffect(() => {
    latest.current = {
      select,
      click: onRowClick,
      toggle: (index) => rows[index]?.toggleExpanded(),
    };
  });
  const handlers = useMemo<RowHandlers>(
    () => ({
      select: (index, event) => latest.current?.select(index, event),
      click: (index, event) => latest.current?.click(index, event),
      toggle: (index) => latest.current?.toggle(index),
    }),
    [],
  );

  const allRunIds = useMemo(() => {
    const ids: string[] = [];
    const walk = (list: readonly RunNode[]) => {
      for (const node of list) {
        ids.push(node.row.runId);
        walk(node.children);
      }
    };
    walk(nodes);
    return ids;
  }, [nodes]);
  const selectedHere = allRunIds.filter((id) => selected.has(id)).length;

  return (
    <div
      ref={scrollRef}
      role="treegrid"
      aria-label="Runs"
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      aria-activedescendant={rows.length ? `runs-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="runs-table"
      className="group/table relative h-[calc(100vh-17rem)] min-h-80 overflow-auto rounded-md border outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
    >
      <RunsTableHeader
        table={table}
        layout={layout}
        orderBy={orderBy}
        onOrder={onOrder}
        selection={selectedHere === 0 ? "none" : selectedHere === allRunIds.length ? "all" : "some"}
        onSelectAll={(value) => onSelect(allRunIds, value)}
      />
      <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize(), width: layout.width }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as Row<RunNode>;
          const common = {
            index: item.index,
            top: item.start,
            height: ROW_HEIGHT,
            layout,
            active: item.index === activeIndex,
            handlers,
          };
          if (row.getIsGrouped()) {
            const leafIds = row.getLeafRows().flatMap((leaf) => (leaf.getIsGrouped() ? [] : [leaf.original.row.runId]));
            const ticked = leafIds.filter((id) => selected.has(id)).length;
            return (
              <GroupRowView
                key={row.id}
                {...common}
                label={groupBy ? (table.getColumn(columnId(groupBy))?.columnDef.header as string) : ""}
                value={String(row.groupingValue ?? "")}
                count={row.subRows.length}
                aggregates={layout.columns.map((column) =>
                  column.type === "metric" ? (row.getValue(columnId(column)) ?? null) : undefined,
                )}
                expanded={row.getIsExpanded()}
                selection={ticked === 0 ? "none" : ticked === leafIds.length ? "all" : "some"}
              />
            );
          }
          const node = row.original;
          return (
            <RunRowView
              key={row.id}
              {...common}
              experimentId={experimentId}
              run={node.row}
              depth={row.depth}
              childCount={node.children.length}
              expanded={row.getIsExpanded()}
              selected={selected.has(node.row.runId)}
            />
          );
        })}
      </div>
    </div>
  );
}

export { SELECT_COLUMN };
