"use client";

import { useState } from "react";
import { Timestamp } from "@/components/timestamp";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { metricTabOf } from "../run-detail-links";
import type { RunDetail } from "../schemas";
import { CellValue } from "./cells";
import { RunTabLink } from "./run-tab-link";
import { RUN_TABLE_ROW_LIMIT, RunTableSearch, matches } from "./run-table-search";

/** Each metric's latest value, step and time; the key opens its chart (system metrics on their own tab). */
export function RunMetricsTable({ metrics }: { metrics: RunDetail["metrics"] }) {
  const [query, setQuery] = useState("");
  const shown = metrics.filter((metric) => matches(query, metric.key));
  return (
    <Card className="gap-3" data-testid="run-metrics">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Metrics ({metrics.length.toLocaleString("en-US")})</CardTitle>
        {metrics.length > 0 ? (
          <RunTableSearch id="run-metrics-search" label="Search metrics" value={query} onChange={setQuery} />
        ) : null}
      </CardHeader>
      <CardContent>
        {metrics.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            This run logged no metrics. Log them with <code>mlflow.log_metric</code> or the SDK&apos;s{" "}
            <code>logMetric</code>.
          </p>
        ) : shown.length === 0 ? (
          <p className="text-sm text-muted-foreground">No metric matches “{query}”.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Key</TableHead>
                <TableHead className="text-right">Latest value</TableHead>
                <TableHead className="text-right">Step</TableHead>
                <TableHead>Logged</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.slice(0, RUN_TABLE_ROW_LIMIT).map((metric) => (
                <TableRow key={metric.key} data-testid="run-metric-row">
                  <TableCell className="max-w-72 font-mono text-xs whitespace-normal [overflow-wrap:anywhere]">
                    <RunTabLink tab={metricTabOf(metric.key)} className="text-primary hover:underline">
                      {metric.key}
                    </RunTabLink>
                  </TableCell>
                  <TableCell className="text-right" data-testid="run-metric-value">
                    <CellValue column={{ type: "metric", key: metric.key, aggregate: "last" }} cell={metric.value} />
                  </TableCell>
                  <TableCell className="text-right font-mono text-xs tabular-nums">{metric.step}</TableCell>
                  <TableCell className="text-xs">
                    <Timestamp ms={metric.timestamp} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {shown.length > RUN_TABLE_ROW_LIMIT ? (
          <p className="mt-2 text-xs text-muted-foreground">
            Showing {RUN_TABLE_ROW_LIMIT} of {shown.length.toLocaleString("en-US")}; search to narrow them down.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
