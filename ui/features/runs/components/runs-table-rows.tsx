"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import Link from "next/link";
import { memo, type MouseEvent } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/lib/utils";
import type { RunColumn } from "../columns";
import type { GroupStats } from "../group-stats";
import type { RunRow } from "../schemas";
import { CellValue, formatNumber } from "./cells";

/** The widths of the selection column and then of each view column, and their sum. */
export interface RowLayout {
  columns: readonly RunColumn[];
  widths: readonly number[];
  width: number;
}

/** Row events, by row index; the same object for the table's lifetime, so memoised rows stay valid. */
export interface RowHandlers {
  select: (index: number, event: { shiftKey: boolean }) => void;
  click: (index: number, event: MouseEvent) => void;
  toggle: (index: number) => void;
}

interface RowBase {
  index: number;
  top: number;
  height: number;
  layout: RowLayout;
  active: boolean;
  expanded: boolean;
  handlers: RowHandlers;
}

const STICKY_SELECT = "sticky left-0 z-[1]";
const STICKY_NAME = "sticky z-[1]";

function rowClass(active: boolean, extra?: string) {
  return cn(
    "absolute left-0 flex border-b bg-background text-sm hover:bg-muted",
    // The keyboard's current row shows while the table has focus.
    active &&
      "group-focus/table:bg-accent group-focus/table:outline group-focus/table:outline-1 group-focus/table:-outline-offset-1 group-focus/table:outline-ring/60",
    extra,
  );
}

function ExpandButton({ expanded, label, onClick }: { expanded: boolean; label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      tabIndex={-1}
      className="shrink-0 rounded-sm text-muted-foreground hover:text-foreground"
      onClick={onClick}
    >
      {expanded ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
    </button>
  );
}

/**
 * One run. Memoised: a live refresh keeps unchanged runs as the same objects, so only rows whose run
 * changed render again.
 */
export const RunRowView = memo(function RunRowView({
  index,
  top,
  height,
  layout,
  active,
  expanded,
  handlers,
  experimentId,
  run,
  depth,
  childCount,
  selected,
}: RowBase & { experimentId: string; run: RunRow; depth: number; childCount: number; selected: boolean }) {
  const [selectWidth = 40, nameWidth = 240] = layout.widths;
  const href = `/experiments/${run.experimentId || experimentId}/runs/${run.runId}`;
  return (
    <div
      role="row"
      id={`runs-row-${index}`}
      aria-rowindex={index + 2}
      aria-level={depth + 1}
      aria-expanded={childCount ? expanded : undefined}
      aria-selected={selected}
      data-testid="run-row"
      data-run-id={run.runId}
      className={rowClass(active, selected ? "bg-secondary" : undefined)}
      style={{ top, height, width: layout.width }}
      onClick={(event) => handlers.click(index, event)}
    >
      <div
        role="gridcell"
        className={cn("flex items-center justify-center bg-inherit", STICKY_SELECT)}
        style={{ width: selectWidth }}
      >
        <Checkbox
          checked={selected}
          aria-label={`Select run ${run.runId}`}
          tabIndex={-1}
          onClick={(event) => {
            event.preventDefault();
            handlers.select(index, event);
          }}
        />
      </div>
      {layout.columns.map((column, i) => {
        const width = layout.widths[i + 1] ?? 120;
        if (i === 0) {
          return (
            <div
              key={i}
              role="gridcell"
              className={cn("flex shrink-0 items-center gap-1 truncate bg-inherit px-3", STICKY_NAME)}
              style={{ width: nameWidth, left: selectWidth }}
            >
              <span className="flex shrink-0 items-center" style={{ paddingLeft: depth * 16 }}>
                {childCount ? (
                  <ExpandButton
                    expanded={expanded}
                    label={`${expanded ? "Collapse" : "Expand"} ${childCount} child run${childCount === 1 ? "" : "s"}`}
                    onClick={() => handlers.toggle(index)}
                  />
                ) : depth > 0 ? (
                  <span className="size-4" />
                ) : null}
              </span>
              <Link href={href} className="truncate font-medium hover:underline" tabIndex={-1} prefetch={false}>
                <CellValue column={column} cell={run.cells[i] ?? null} />
              </Link>
            </div>
          );
        }
        return (
          <div key={i} role="gridcell" className="flex shrink-0 items-center truncate px-3" style={{ width }}>
            <span className="truncate">
              <CellValue column={column} cell={run.cells[i] ?? null} />
            </span>
          </div>
        );
      })}
    </div>
  );
});

function StatsCell({ stats }: { stats: GroupStats | null | undefined }) {
  if (!stats) return <span className="text-muted-foreground">—</span>;
  const title = `mean of ${stats.count} run${stats.count === 1 ? "" : "s"}: ${stats.mean}\nstd ${stats.std}\nmin ${stats.min}, max ${stats.max}${stats.skipped ? `\n${stats.skipped} without a finite value` : ""}`;
  return (
    <span className="truncate font-mono tabular-nums" title={title}>
      {formatNumber(stats.mean, 4)}
      {stats.count > 1 ? <span className="text-muted-foreground"> ±{formatNumber(stats.std, 2)}</span> : null}
    </span>
  );
}

/** A group of runs sharing one value of the grouping column: its value, size and each metric's mean ± std. */
export const GroupRowView = memo(function GroupRowView({
  index,
  top,
  height,
  layout,
  active,
  expanded,
  handlers,
  label,
  value,
  count,
  aggregates,
  selection,
}: RowBase & {
  label: string;
  value: string;
  count: number;
  aggregates: readonly (GroupStats | null | undefined)[];
  selection: "all" | "some" | "none";
}) {
  const [selectWidth = 40, nameWidth = 240] = layout.widths;
  return (
    <div
      role="row"
      id={`runs-row-${index}`}
      aria-rowindex={index + 2}
      aria-level={1}
      aria-expanded={expanded}
      data-testid="run-group-row"
      data-group-value={value}
      className={rowClass(active, "bg-muted font-medium")}
      style={{ top, height, width: layout.width }}
      onClick={(event) => handlers.click(index, event)}
    >
      <div
        role="gridcell"
        className={cn("flex items-center justify-center bg-inherit", STICKY_SELECT)}
        style={{ width: selectWidth }}
      >
        <Checkbox
          checked={selection === "all" ? true : selection === "some" ? "indeterminate" : false}
          aria-label={`Select the ${count} runs of group ${value || "(none)"}`}
          tabIndex={-1}
          onClick={(event) => {
            event.preventDefault();
            handlers.select(index, { shiftKey: false });
          }}
        />
      </div>
      {layout.columns.map((column, i) => {
        const width = layout.widths[i + 1] ?? 120;
        if (i === 0) {
          return (
            <div
              key={i}
              role="gridcell"
              className={cn("flex shrink-0 items-center gap-1.5 truncate bg-inherit px-3", STICKY_NAME)}
              style={{ width: nameWidth, left: selectWidth }}
            >
              <ExpandButton
                expanded={expanded}
                label={`${expanded ? "Collapse" : "Expand"} group ${value || "(none)"}`}
                onClick={() => handlers.toggle(index)}
              />
              <span className="truncate" title={`${label} = ${value}`}>
                <span className="text-muted-foreground">{label} = </span>
                {value === "" ? <span className="text-muted-foreground italic">(none)</span> : value}
              </span>
              <span
                className="ml-auto shrink-0 rounded bg-muted px-1.5 text-xs text-muted-foreground"
                data-testid="run-group-count"
              >
                {count}
              </span>
            </div>
          );
        }
        return (
          <div
            key={i}
            role="gridcell"
            className="flex shrink-0 items-center truncate px-3 text-sm font-normal"
            style={{ width }}
          >
            {column.type === "metric" ? <StatsCell stats={aggregates[i]} /> : null}
          </div>
        );
      })}
    </div>
  );
});
