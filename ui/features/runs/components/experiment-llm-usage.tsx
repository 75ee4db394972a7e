"use client";

import { useQuery } from "@tanstack/react-query";
import { Sparkles } from "lucide-react";
import { runQueries } from "../queries";
import { formatTokens, formatUsd } from "../run-detail-llm";

/** A line over the runs table when the experiment has LLM runs: their tokens and cost, all added up. */
export function ExperimentLlmUsage({ experimentId }: { experimentId: string }) {
  const { data } = useQuery(runQueries.llmUsage(experimentId));
  if (!data || data.runCount === 0) return null;
  const { totals } = data;
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md border bg-muted/40 px-3 py-2 text-sm"
      data-testid="experiment-llm-usage"
    >
      <span className="flex items-center gap-1.5 font-medium">
        <Sparkles className="size-4 text-muted-foreground" aria-hidden /> LLM usage
      </span>
      <span>
        <span className="text-muted-foreground">tokens </span>
        <span className="font-mono tabular-nums" data-testid="experiment-llm-tokens">
          {formatTokens(totals.totalTokens)}
        </span>
        <span className="text-muted-foreground">
          {" "}
          (prompt {formatTokens(totals.promptTokens)}, completion {formatTokens(totals.completionTokens)})
        </span>
      </span>
      <span>
        <span className="text-muted-foreground">cost </span>
        <span className="font-mono tabular-nums" data-testid="experiment-llm-cost">
          {formatUsd(totals.costUsd)}
        </span>
      </span>
      <span className="text-muted-foreground">
        over {data.runCount.toLocaleString("en-US")} LLM run{data.runCount === 1 ? "" : "s"}
        {data.truncated ? " (the newest; more exist)" : ""}
      </span>
    </div>
  );
}
