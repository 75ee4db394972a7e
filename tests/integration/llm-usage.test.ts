/**
 * LLM usage per experiment against a real MLflow: which runs count (the category tag, or any `llm.*`
 * metric), and token and cost totals summed over every point of each metric's history.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { experimentLlmUsage } from "@/features/runs/server";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");
let experimentId: string;

describe("an experiment's LLM usage", () => {
  beforeAll(async () => {
    experimentId = await mlflow.experiments.create({ name: `llm-usage-${randomUUID().slice(0, 8)}` });
    const t = Date.UTC(2026, 0, 1);
    // Tagged, three calls logged as three points each.
    const tagged = await mlflow.runs.create({ experimentId, startTime: t, tags: { "mltrack.category": "llm" } });
    await mlflow.runs.logBatch({
      runId: tagged.info.runId,
      metrics: [100, 200, 300].flatMap((prompt, step) => [
        { key: "llm.tokens.prompt_tokens", value: prompt, step, timestamp: t + step },
        { key: "llm.tokens.completion_tokens", value: 10, step, timestamp: t + step },
        { key: "llm.tokens.total_tokens", value: prompt + 10, step, timestamp: t + step },
        { key: "llm.cost_usd", value: 0.001, step, timestamp: t + step },
      ]),
    });
    // Untagged, but logging LLM metrics: it counts too; a NaN point is left out of the sum.
    const untagged = await mlflow.runs.create({ experimentId, startTime: t + 1 });
    await mlflow.runs.logBatch({
      runId: untagged.info.runId,
      metrics: [
        { key: "llm.cost_usd", value: Number.NaN, step: 0, timestamp: t },
        { key: "llm.cost_usd", value: 0.5, step: 1, timestamp: t },
      ],
    });
    // An ordinary run: not counted.
    const plain = await mlflow.runs.create({ experimentId, startTime: t + 2 });
    await mlflow.runs.logBatch({
      runId: plain.info.runId,
      metrics: [{ key: "loss", value: 1, step: 0, timestamp: t }],
    });
  });
  afterAll(() => mlflow.experiments.delete({ experimentId }));

  it("adds up every point of every LLM run's history, and only LLM runs", async () => {
    const usage = await experimentLlmUsage(mlflow, experimentId);
    expect(usage.runCount).toBe(2);
    expect(usage.truncated).toBe(false);
    expect(usage.totals.promptTokens).toBe(600);
    expect(usage.totals.completionTokens).toBe(30);
    expect(usage.totals.totalTokens).toBe(630);
    expect(usage.totals.costUsd).toBeCloseTo(0.503, 12);
    expect(usage.totals.nonFinitePoints).toBe(1);
  });

  it("is served at /api/experiments/:id/llm-usage, and is empty for an experiment without LLM runs", async () => {
    const res = await fetch(`${uiUrl}/api/experiments/${experimentId}/llm-usage`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { runCount: number }).runCount).toBe(2);
    const other = await mlflow.experiments.create({ name: `llm-none-${randomUUID().slice(0, 8)}` });
    try {
      expect(await experimentLlmUsage(mlflow, other)).toMatchObject({ runCount: 0, totals: { costUsd: null } });
    } finally {
      await mlflow.experiments.delete({ experimentId: other });
    }
    expect((await fetch(`${uiUrl}/api/experiments/abc/llm-usage`)).status).toBe(400);
  });
});
