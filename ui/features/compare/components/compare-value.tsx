import type { RunCell } from "@/features/runs";
import { formatNumber } from "@/features/runs/format";
import { cn } from "@/lib/utils";

/** A metric value as text: NaN and infinities as amber words, so they never read as numbers. */
export function CompareValue({ cell, className }: { cell: RunCell | undefined; className?: string }) {
  if (cell === null || cell === undefined) return <span className={cn("text-muted-foreground", className)}>—</span>;
  if (typeof cell === "object") {
    const text = cell.nonFinite === "NaN" ? "NaN" : cell.nonFinite === "Infinity" ? "+∞" : "−∞";
    return (
      <span className={cn("font-mono text-amber-600 dark:text-amber-400", className)} data-non-finite={cell.nonFinite}>
        {text}
      </span>
    );
  }
  if (typeof cell === "number")
    return (
      <span className={cn("font-mono tabular-nums", className)} title={String(cell)}>
        {formatNumber(cell)}
      </span>
    );
  return <span className={className}>{cell}</span>;
}

/** A run's colour swatch. */
export function RunSwatch({ color, muted = false }: { color: string | undefined; muted?: boolean }) {
  return (
    <span
      aria-hidden
      className={cn("inline-block size-3 shrink-0 rounded-full border border-black/10", muted && "opacity-30")}
      style={{ backgroundColor: color }}
      data-testid="run-swatch"
      data-color={color}
    />
  );
}
