"use client";

import { flexRender, type Table } from "@tanstack/react-table";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/lib/utils";
import { columnId, type RunColumn, type RunOrder } from "../columns";
import type { RunNode } from "../nest-runs";
import type { RowLayout } from "./runs-table-rows";
import { SELECT_COLUMN } from "./runs-table-columns";

/** Column headers: click to order (again for descending, a third time to stop), shift-click for a further key; drag an edge to resize. */
export function RunsTableHeader({
  table,
  layout,
  orderBy,
  onOrder,
  selection,
  onSelectAll,
}: {
  table: Table<RunNode>;
  layout: RowLayout;
  orderBy: readonly RunOrder[];
  onOrder: (column: RunColumn, additive: boolean) => void;
  selection: "all" | "some" | "none";
  onSelectAll: (selected: boolean) => void;
}) {
  const orderOf = new Map(orderBy.map((order, i) => [columnId(order.column), { ...order, position: i + 1 }]));
  const [selectWidth = 40] = layout.widths;
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="sticky top-0 z-10 flex border-b bg-muted"
      style={{ width: layout.width }}
    >
      {table.getFlatHeaders().map((header, i) => {
        if (header.id === SELECT_COLUMN) {
          return (
            <div
              key={header.id}
              role="columnheader"
              className="sticky left-0 z-[2] flex items-center justify-center bg-muted"
              style={{ width: header.getSize() }}
            >
              <Checkbox
                aria-label="Select every run in this view"
                checked={selection === "all" ? true : selection === "some" ? "indeterminate" : false}
                onCheckedChange={() => onSelectAll(selection !== "all")}
              />
            </div>
          );
        }
        const column = header.column.columnDef.meta?.column as RunColumn;
        const order = orderOf.get(header.id);
        const label = String(header.column.columnDef.header);
        return (
          <div
            key={header.id}
            role="columnheader"
            aria-sort={order ? (order.descending ? "descending" : "ascending") : "none"}
            className={cn(
              "relative flex shrink-0 items-center bg-muted px-3 py-2 text-left text-xs font-medium text-muted-foreground",
              i === 1 && "sticky z-[2]",
            )}
            style={{ width: header.getSize(), ...(i === 1 ? { left: selectWidth } : {}) }}
            title={label}
          >
            <button
              type="button"
              className="flex min-w-0 items-center gap-1 hover:text-foreground"
              onClick={(event) => onOrder(column, event.shiftKey)}
            >
              <span className="truncate">{flexRender(header.column.columnDef.header, header.getContext())}</span>
              {order ? (
                <span className="flex shrink-0 items-center text-foreground" aria-hidden>
                  {order.descending ? <ArrowDown className="size-3" /> : <ArrowUp className="size-3" />}
                  {orderBy.length > 1 ? <sup>{order.position}</sup> : null}
                </span>
              ) : null}
            </button>
            <div
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${label}`}
              onMouseDown={header.getResizeHandler()}
              onTouchStart={header.getResizeHandler()}
              onDoubleClick={() => header.column.resetSize()}
              className={cn(
                "absolute top-0 right-0 h-full w-1.5 cursor-col-resize touch-none select-none hover:bg-ring/40",
                header.column.getIsResizing() && "bg-ring/60",
              )}
            />
          </div>
        );
      })}
    </div>
  );
}
