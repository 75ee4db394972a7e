import { ArrowDown, ArrowUp } from "lucide-react";
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { prepareVersionMetrics, type VersionMetricsInput } from "../version-metrics";

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (Number.isInteger(value)) return String(value);
  const text = value.toPrecision(6);
  return text.includes(".") && !text.includes("e") ? text.replace(/\.?0+$/, "") : text;
}

/** Each version's source run's latest metrics, versions as columns, the best value per metric marked. */
export function VersionMetricsTable({ versions }: { versions: readonly VersionMetricsInput[] }) {
  const table = prepareVersionMetrics(versions);
  return (
    <section className="space-y-2" aria-labelledby="version-metrics-heading">
      <h2 id="version-metrics-heading" className="text-lg font-semibold">
        Metrics by version
      </h2>
      {table.columns.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="version-metrics-empty">
          No version has a source run to compare.
        </p>
      ) : table.rows.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="version-metrics-empty">
          The versions&apos; source runs logged no metrics.
        </p>
      ) : (
        <Table data-testid="version-metrics">
          <TableHeader>
            <TableRow>
              <TableHead>Metric</TableHead>
              {table.columns.map((column) => (
                <TableHead key={column.version} className="text-right" data-version={column.version}>
                  {column.experimentId ? (
                    <Link
                      href={`/experiments/${encodeURIComponent(column.experimentId)}/runs/${encodeURIComponent(column.runId)}`}
                      className="font-mono hover:underline"
                      title={column.runName ?? column.runId}
                    >
                      v{column.version}
                    </Link>
                  ) : (
                    <span className="font-mono">v{column.version}</span>
                  )}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {table.rows.map((row) => (
              <TableRow key={row.key} data-testid="version-metric-row" data-metric={row.key}>
                <TableCell className="max-w-64 truncate font-mono text-xs" title={row.key}>
                  <span className="inline-flex items-center gap-1">
                    {row.key}
                    {row.direction === "lower" ? (
                      <ArrowDown className="size-3 text-muted-foreground" aria-label="lower is better" />
                    ) : (
                      <ArrowUp className="size-3 text-muted-foreground" aria-label="higher is better" />
                    )}
                  </span>
                </TableCell>
                {row.cells.map((cell, i) => (
                  <TableCell
                    key={table.columns[i]?.version}
                    data-version={table.columns[i]?.version}
                    data-best={cell.best ? "true" : undefined}
                    className={cn(
                      "text-right font-mono text-xs tabular-nums",
                      cell.best && "bg-emerald-500/15 font-semibold text-emerald-700 dark:text-emerald-300",
                    )}
                    title={cell.best ? "Best among these versions" : undefined}
                  >
                    {cell.value === null ? <span className="text-muted-foreground">—</span> : formatValue(cell.value)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <p className="text-xs text-muted-foreground">
        The latest value each source run logged. ↓ marks metrics where lower is better (losses, errors, costs,
        latencies), ↑ the others; the best value is highlighted when versions differ. — : the run never logged it.
        {table.withoutRun.length > 0
          ? ` Not shown (no source run): ${table.withoutRun.map((v) => `v${v}`).join(", ")}.`
          : ""}
        {table.beyondLimit.length > 0
          ? ` Only the newest ${table.columns.length} versions with runs are compared.`
          : ""}
      </p>
    </section>
  );
}
