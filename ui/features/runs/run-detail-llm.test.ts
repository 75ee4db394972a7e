import { describe, expect, it } from "vitest";
import {
  EMPTY_LLM_TOTALS,
  addLlmTotals,
  formatTokens,
  formatUsd,
  isLlmRun,
  llmUsageOf,
  sumLlmHistories,
} from "./run-detail-llm";

describe("isLlmRun", () => {
  it("reads the category tag or any llm.* metric", () => {
    expect(isLlmRun({ "mltrack.category": "llm" }, [])).toBe(true);
    expect(isLlmRun({}, ["loss", "llm.cost_usd"])).toBe(true);
    expect(isLlmRun({ "mltrack.category": "ml" }, ["loss"])).toBe(false);
    expect(isLlmRun({}, ["llmish"])).toBe(false);
  });
});

describe("sumLlmHistories", () => {
  it("sums every point of each metric's history (one point per call)", () => {
    expect(
      sumLlmHistories({
        promptTokens: [100, 200, 50],
        completionTokens: [10, 20, 5],
        totalTokens: [110, 220, 55],
        costUsd: [0.001, 0.002, 0.0005],
      }),
    ).toEqual({ promptTokens: 350, completionTokens: 35, totalTokens: 385, costUsd: 0.0035, nonFinitePoints: 0 });
  });

  it("keeps never-logged metrics null and a logged empty history zero", () => {
    expect(sumLlmHistories({ costUsd: [] })).toEqual({ ...EMPTY_LLM_TOTALS, costUsd: 0 });
    expect(sumLlmHistories({})).toEqual(EMPTY_LLM_TOTALS);
  });

  it("derives the total from prompt and completion only when no total was logged", () => {
    expect(sumLlmHistories({ promptTokens: [3, 4], completionTokens: [1] }).totalTokens).toBe(8);
    expect(sumLlmHistories({ completionTokens: [5] }).totalTokens).toBe(5);
    expect(sumLlmHistories({ promptTokens: [3], completionTokens: [1], totalTokens: [10] }).totalTokens).toBe(10);
  });

  it("leaves NaN and infinities out of the sums and counts them", () => {
    expect(sumLlmHistories({ promptTokens: [1, Number.NaN, 2], costUsd: [Infinity, 0.5, -Infinity] })).toEqual({
      promptTokens: 3,
      completionTokens: null,
      totalTokens: 3,
      costUsd: 0.5,
      nonFinitePoints: 3,
    });
  });
});

describe("addLlmTotals", () => {
  it("adds what was logged and keeps null where nothing was", () => {
    const a = sumLlmHistories({ promptTokens: [1], costUsd: [0.25] });
    const b = sumLlmHistories({ promptTokens: [2], completionTokens: [Number.NaN, 4] });
    expect(addLlmTotals(a, b)).toEqual({
      promptTokens: 3,
      completionTokens: 4,
      totalTokens: 7,
      costUsd: 0.25,
      nonFinitePoints: 1,
    });
    expect(addLlmTotals()).toEqual(EMPTY_LLM_TOTALS);
  });
});

describe("llmUsageOf", () => {
  const child = (prompt: number[], tags: Record<string, string> = {}) => ({
    tags,
    metricKeys: prompt.length ? ["llm.tokens.prompt_tokens"] : [],
    histories: prompt.length ? { promptTokens: prompt } : {},
  });

  it("is null for a run that is not an LLM run and has no LLM child runs", () => {
    expect(
      llmUsageOf({ tags: {}, metricKeys: ["loss"], histories: {}, children: [child([])], childrenTruncated: false }),
    ).toBeNull();
  });

  it("gives the run's own totals, its provider and model, and no children part without child runs", () => {
    const usage = llmUsageOf({
      tags: { "mltrack.category": "llm", "llm.provider": "openai", "llm.model": "gpt-4o" },
      metricKeys: [],
      histories: { totalTokens: [5, 6] },
      children: [],
      childrenTruncated: false,
    });
    expect(usage).toEqual({
      provider: "openai",
      model: "gpt-4o",
      totals: { ...EMPTY_LLM_TOTALS, totalTokens: 11 },
      children: null,
    });
  });

  it("combines the child runs' totals and adds them to the run's own", () => {
    const usage = llmUsageOf({
      tags: { "mltrack.category": "llm" },
      metricKeys: ["llm.tokens.prompt_tokens"],
      histories: { promptTokens: [10] },
      children: [child([1, 2]), child([4]), child([])],
      childrenTruncated: true,
    });
    expect(usage?.provider).toBeNull();
    expect(usage?.totals.promptTokens).toBe(10);
    expect(usage?.children).toEqual({
      runCount: 3,
      truncated: true,
      totals: { ...EMPTY_LLM_TOTALS, promptTokens: 7, totalTokens: 7 },
      includingChildren: { ...EMPTY_LLM_TOTALS, promptTokens: 17, totalTokens: 17 },
    });
  });

  it("shows a parent whose LLM calls happened in its child runs", () => {
    const usage = llmUsageOf({
      tags: {},
      metricKeys: [],
      histories: {},
      children: [child([3], { "mltrack.category": "llm" })],
      childrenTruncated: false,
    });
    expect(usage?.totals).toEqual(EMPTY_LLM_TOTALS);
    expect(usage?.children?.includingChildren.promptTokens).toBe(3);
  });
});

describe("formatting", () => {
  it("formats tokens with separators and dollars by size", () => {
    expect(formatTokens(1234567)).toBe("1,234,567");
    expect(formatTokens(null)).toBe("—");
    expect(formatUsd(null)).toBe("—");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0.5)).toBe("$0.50");
    expect(formatUsd(0.0035)).toBe("$0.0035");
    expect(formatUsd(0.000123456)).toBe("$0.0001235");
    expect(formatUsd(1e-7)).toBe("$0.0000001");
  });
});
