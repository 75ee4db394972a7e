import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LLM_METRICS,
  LLM_TAGS,
  MLFLOW_TAGS,
  MLTRACK_ARTIFACTS,
  MLTRACK_METRICS,
  MLTRACK_TAGS,
  SYSTEM_METRIC_PREFIX,
} from "./tags";

const spec = JSON.parse(readFileSync(new URL("../spec/tags.json", import.meta.url), "utf8")) as Record<string, unknown>;

describe("the tag spec", () => {
  it("is what the SDK exports, read from the one spec file", () => {
    expect(MLFLOW_TAGS).toEqual(spec.mlflowTags);
    expect(MLTRACK_TAGS).toEqual(spec.mltrackTags);
    expect(MLTRACK_ARTIFACTS).toEqual(spec.mltrackArtifacts);
    expect(MLTRACK_METRICS).toEqual(spec.mltrackMetrics);
    expect(LLM_TAGS).toEqual(spec.llmTags);
    expect(LLM_METRICS).toEqual(spec.llmMetrics);
    expect(SYSTEM_METRIC_PREFIX).toBe(spec.systemMetricPrefix);
  });

  it("names MLflow's standard tags as MLflow spells them, and ours under mltrack.", () => {
    expect(MLFLOW_TAGS).toMatchObject({
      user: "mlflow.user",
      sourceName: "mlflow.source.name",
      sourceType: "mlflow.source.type",
      gitCommit: "mlflow.source.git.commit",
      parentRunId: "mlflow.parentRunId",
      runName: "mlflow.runName",
    });
    for (const name of Object.values(MLFLOW_TAGS)) expect(name).toMatch(/^mlflow\./);
    for (const name of Object.values(MLTRACK_TAGS)) expect(name).toMatch(/^mltrack\./);
    expect(MLFLOW_TAGS).toMatchObject({
      gitBranch: "mlflow.source.git.branch",
      gitRepoUrl: "mlflow.source.git.repoURL",
    });
    expect(MLTRACK_TAGS).toMatchObject({
      category: "mltrack.category",
      gitDirty: "mltrack.git.dirty",
      function: "mltrack.function",
      errorMessage: "mltrack.error.message",
      errorStack: "mltrack.error.stack",
      host: "mltrack.host",
      os: "mltrack.os",
      runtime: "mltrack.runtime",
      clientRunId: "mltrack.client_run_id",
    });
    expect(MLTRACK_METRICS).toEqual({ durationSeconds: "mltrack.duration_s" });
    const all = [MLFLOW_TAGS, MLTRACK_TAGS, LLM_TAGS, LLM_METRICS, MLTRACK_METRICS].flatMap((group) =>
      Object.values(group),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps track()'s artifacts in one mltrack/ folder, as valid artifact paths", () => {
    for (const path of Object.values(MLTRACK_ARTIFACTS)) expect(path).toMatch(/^mltrack\/[\w.-]+$/);
  });
});
