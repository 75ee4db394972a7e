/**
 * LLM usage of a run, as pure functions: which runs count as LLM runs, and token and cost totals
 * summed over each metric's whole history (an SDK may log one point per LLM call).
 */
import { LLM_METRICS, LLM_TAGS, MLTRACK_TAGS } from "mltrack-sdk/tags";
import type { LlmTotals, RunLlmUsage } from "./run-detail-schemas";

export type LlmMetricName = keyof typeof LLM_METRICS;
export const LLM_METRIC_NAMES = Object.keys(LLM_METRICS) as LlmMetricName[];
export const LLM_METRIC_PREFIX = "llm.";

/** One run's histories of the LLM metrics, by name; a metric the run never logged is absent. */
export type LlmHistories = Partial<Record<LlmMetricName, readonly number[]>>;

/** Tagged `mltrack.category = llm`, or with any `llm.*` metric. */
export function isLlmRun(tags: Readonly<Record<string, string>>, metricKeys: Iterable<string>): boolean {
  if (tags[MLTRACK_TAGS.category] === "llm") return true;
  for (const key of metricKeys) if (key.startsWith(LLM_METRIC_PREFIX)) return true;
  return false;
}

export const EMPTY_LLM_TOTALS: LlmTotals = {
  promptTokens: null,
  completionTokens: null,
  totalTokens: null,
  costUsd: null,
  nonFinitePoints: 0,
};

/**
 * Each metric's points summed; NaN and infinities are left out and counted. Without a logged total,
 * the total is prompt plus completion (the definition), so runs that log only those still add up.
 */
export function sumLlmHistories(histories: LlmHistories): LlmTotals {
  let nonFinitePoints = 0;
  const sum = (name: LlmMetricName): number | null => {
    const points = histories[name];
    if (points === undefined) return null;
    let total = 0;
    for (const value of points) {
      if (Number.isFinite(value)) total += value;
      else nonFinitePoints += 1;
    }
    return total;
  };
  const promptTokens = sum("promptTokens");
  const completionTokens = sum("completionTokens");
  const loggedTotal = sum("totalTokens");
  const costUsd = sum("costUsd");
  const totalTokens =
    loggedTotal ??
    (promptTokens === null && completionTokens === null ? null : (promptTokens ?? 0) + (completionTokens ?? 0));
  return { promptTokens, completionTokens, totalTokens, costUsd, nonFinitePoints };
}

const plus = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** Totals of several runs together; a metric none of them logged stays null. */
export function addLlmTotals(...totals: readonly LlmTotals[]): LlmTotals {
  return totals.reduce<LlmTotals>(
    (acc, t) => ({
      promptTokens: plus(acc.promptTokens, t.promptTokens),
      completionTokens: plus(acc.completionTokens, t.completionTokens),
      totalTokens: plus(acc.totalTokens, t.totalTokens),
      costUsd: plus(acc.costUsd, t.costUsd),
      nonFinitePoints: acc.nonFinitePoints + t.nonFinitePoints,
    }),
    EMPTY_LLM_TOTALS,
  );
}

export interface LlmUsageInput {
  tags: Readonly<Record<string, string>>;
  metricKeys: readonly string[];
  histories: LlmHistories;
  children: readonly {
    tags: Readonly<Record<string, string>>;
    metricKeys: readonly string[];
    histories: LlmHistories;
  }[];
  /** True when the run has more child runs than `children` holds. */
  childrenTruncated: boolean;
}

/**
 * The usage card's content, or null when neither the run nor any child run is an LLM run. With child
 * runs, their totals are combined and also added to the run's own ("including child runs").
 */
export function llmUsageOf(input: LlmUsageInput): RunLlmUsage | null {
  const anyChildLlm = input.children.some((child) => isLlmRun(child.tags, child.metricKeys));
  if (!isLlmRun(input.tags, input.metricKeys) && !anyChildLlm) return null;
  const totals = sumLlmHistories(input.histories);
  const childTotals = addLlmTotals(...input.children.map((child) => sumLlmHistories(child.histories)));
  return {
    provider: input.tags[LLM_TAGS.provider] ?? null,
    model: input.tags[LLM_TAGS.model] ?? null,
    totals,
    children:
      input.children.length === 0
        ? null
        : {
            runCount: input.children.length,
            truncated: input.childrenTruncated,
            totals: childTotals,
            includingChildren: addLlmTotals(totals, childTotals),
          },
  };
}

/** `12,345` tokens. Sums of token metrics are whole numbers unless an SDK logged fractions. */
export function formatTokens(value: number | null): string {
  if (value === null) return "—";
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** `$12.35`, `$0.0042`: cents for a dollar or more, four significant digits below. */
export function formatUsd(value: number | null): string {
  if (value === null) return "—";
  if (value === 0) return "$0.00";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  if (abs >= 1) return `${sign}$${abs.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const rounded = Number(abs.toPrecision(4));
  return `${sign}$${rounded.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 20 })}`;
}
