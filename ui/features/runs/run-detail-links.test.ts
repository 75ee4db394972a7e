import { describe, expect, it } from "vitest";
import { childRunsHref, metricTabOf, runHref, shortCommit } from "./run-detail-links";

describe("run page links", () => {
  it("filters the experiment's runs table to a run's children", () => {
    const href = childRunsHref("12", "abc123");
    expect(href).toBe(`/experiments/12?q=${encodeURIComponent("tags.`mlflow.parentRunId` = 'abc123'")}`);
    expect(new URL(href, "http://x").searchParams.get("q")).toBe("tags.`mlflow.parentRunId` = 'abc123'");
  });

  it("refuses a run id that could break out of the filter's quotes", () => {
    expect(() => childRunsHref("1", "x' OR '1'='1")).toThrow(/Not a run id/);
  });

  it("links runs and picks the tab of a metric", () => {
    expect(runHref("3", "r1")).toBe("/experiments/3/runs/r1");
    expect(metricTabOf("system/cpu_utilization_percentage")).toBe("system");
    expect(metricTabOf("val/loss")).toBe("metrics");
  });

  it("shortens SHAs only", () => {
    expect(shortCommit("0123456789abcdef")).toBe("01234567");
    expect(shortCommit("v1.2")).toBe("v1.2");
  });
});
