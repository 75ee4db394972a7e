"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTokens, formatUsd } from "../run-detail-llm";
import type { LlmTotals, RunLlmUsage } from "../run-detail-schemas";

const ROWS = [
  { field: "promptTokens", label: "Prompt tokens", format: formatTokens, testId: "run-llm-prompt" },
  { field: "completionTokens", label: "Completion tokens", format: formatTokens, testId: "run-llm-completion" },
  { field: "totalTokens", label: "Total tokens", format: formatTokens, testId: "run-llm-total" },
  { field: "costUsd", label: "Cost (USD)", format: formatUsd, testId: "run-llm-cost" },
] as const satisfies readonly {
  field: keyof LlmTotals;
  label: string;
  format: (value: number | null) => string;
  testId: string;
}[];

/** Token and cost totals of an LLM run, summed over every logged point, with its child runs' apart. */
export function RunLlmCard({ llm }: { llm: RunLlmUsage }) {
  const { children } = llm;
  const columns: { label: string; totals: LlmTotals }[] = [
    { label: "This run", totals: llm.totals },
    ...(children
      ? [
          { label: `Child runs (${children.runCount}${children.truncated ? "+" : ""})`, totals: children.totals },
          { label: "Including child runs", totals: children.includingChildren },
        ]
      : []),
  ];
  const nonFinite = children ? children.includingChildren.nonFinitePoints : llm.totals.nonFinitePoints;
  return (
    <Card className="gap-3" data-testid="run-llm">
      <CardHeader>
        <CardTitle>LLM usage</CardTitle>
        <CardDescription>
          {llm.provider || llm.model ? (
            <span data-testid="run-llm-model">{[llm.provider, llm.model].filter(Boolean).join(" · ")}</span>
          ) : (
            "Provider and model are not tagged (llm.provider, llm.model)."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>
                <span className="sr-only">Usage</span>
              </TableHead>
              {columns.map((column) => (
                <TableHead key={column.label} className="text-right whitespace-normal" data-testid="run-llm-scope">
                  {column.label}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {ROWS.map((row) => (
              <TableRow key={row.field} data-testid={row.testId}>
                <TableHead scope="row" className="font-medium text-foreground">
                  {row.label}
                </TableHead>
                {columns.map((column) => (
                  <TableCell key={column.label} className="text-right font-mono tabular-nums">
                    {row.format(column.totals[row.field])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <p className="text-xs text-muted-foreground">
          Sums over every logged point of the <code>llm.*</code> metrics (one point per call).
          {children?.truncated ? ` Child runs: the first ${children.runCount} listed.` : ""}
          {nonFinite > 0 ? ` ${nonFinite} NaN or infinite point${nonFinite === 1 ? "" : "s"} left out.` : ""}
        </p>
      </CardContent>
    </Card>
  );
}
