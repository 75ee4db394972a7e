"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTokens, formatUsd } from "../run-detail-llm";
import type { LlmTotals, RunLlmUsage } from "../run-detail-schemas";

function TotalsRow({ label, totals, testId }: { label: string; totals: LlmTotals; testId: string }) {
  return (
    <TableRow data-testid={testId}>
      <TableHead scope="row" className="font-medium text-foreground">
        {label}
      </TableHead>
      <TableCell className="text-right font-mono tabular-nums" data-field="prompt">
        {formatTokens(totals.promptTokens)}
      </TableCell>
      <TableCell className="text-right font-mono tabular-nums" data-field="completion">
        {formatTokens(totals.completionTokens)}
      </TableCell>
      <TableCell className="text-right font-mono tabular-nums" data-field="total">
        {formatTokens(totals.totalTokens)}
      </TableCell>
      <TableCell className="text-right font-mono tabular-nums" data-field="cost">
        {formatUsd(totals.costUsd)}
      </TableCell>
    </TableRow>
  );
}

/** Token and cost totals of an LLM run, summed over every logged point, with its child runs' apart. */
export function RunLlmCard({ llm }: { llm: RunLlmUsage }) {
  const { children } = llm;
  const nonFinite = children ? children.includingChildren.nonFinitePoints : llm.totals.nonFinitePoints;
  return (
    <Card className="gap-3" data-testid="run-llm">
      <CardHeader>
        <CardTitle>LLM usage</CardTitle>
        <CardDescription>
          {llm.provider || llm.model ? (
            <span data-testid="run-llm-model">{[llm.provider, llm.model].filter(Boolean).join(" · ")}</span>
          ) : (
            "Provider and model not tagged (llm.provider, llm.model)."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>
                <span className="sr-only">Runs</span>
              </TableHead>
              <TableHead className="text-right">Prompt tokens</TableHead>
              <TableHead className="text-right">Completion tokens</TableHead>
              <TableHead className="text-right">Total tokens</TableHead>
              <TableHead className="text-right">Cost (USD)</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            <TotalsRow label="This run" totals={llm.totals} testId="run-llm-own" />
            {children ? (
              <>
                <TotalsRow
                  label={`Child runs (${children.runCount}${children.truncated ? "+" : ""})`}
                  totals={children.totals}
                  testId="run-llm-children"
                />
                <TotalsRow
                  label="Including child runs"
                  totals={children.includingChildren}
                  testId="run-llm-including-children"
                />
              </>
            ) : null}
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
