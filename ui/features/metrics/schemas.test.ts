import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/metrics/series/route";
import { MetricSeriesRequest } from "./schemas";

const post = (body: unknown) =>
  POST(
    new NextRequest(new URL("/api/metrics/series", "http://127.0.0.1:3000"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const good = { runIds: ["abc123"], metricKeys: ["loss"], xAxis: "step", buckets: 500 };

describe("POST /api/metrics/series request", () => {
  it.each<[string, unknown, RegExp]>([
    ["no run ids", { ...good, runIds: [] }, /runIds/],
    ["101 run ids", { ...good, runIds: Array.from({ length: 101 }, (_, i) => `r${i}`) }, /runIds/],
    ["a run id with a quote", { ...good, runIds: ["a' OR 1=1"] }, /runIds\.0: not a run id/],
    ["no metric keys", { ...good, metricKeys: [] }, /metricKeys/],
    ["51 metric keys", { ...good, metricKeys: Array.from({ length: 51 }, (_, i) => `k${i}`) }, /metricKeys/],
    ["an empty metric key", { ...good, metricKeys: [""] }, /metricKeys\.0/],
    ["an unknown x-axis", { ...good, xAxis: "epoch" }, /xAxis/],
    ["1,001 buckets", { ...good, buckets: 1001 }, /buckets/],
    ["0 buckets", { ...good, buckets: 0 }, /buckets/],
    ["fractional buckets", { ...good, buckets: 10.5 }, /buckets/],
    ["no buckets", { runIds: ["a"], metricKeys: ["loss"] }, /buckets/],
    ["a reversed range", { ...good, range: { from: 10, to: 5 } }, /range\.from/],
    ["a range without its end", { ...good, range: { from: 10 } }, /range\.to/],
    ["a range of strings", { ...good, range: { from: "0", to: "9" } }, /range\.from/],
    ["an unknown field", { ...good, smoothing: 0.5 }, /smoothing/],
  ])("answers %s with 400 naming the field", async (_, body, field) => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await post(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("INVALID_PARAMETER_VALUE");
    expect(error.message).toMatch(/^Invalid body: /);
    expect(error.message).toMatch(field);
  });

  it("answers a body that is not JSON with 400", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect((await post("{not json")).status).toBe(400);
  });
});

describe("MetricSeriesRequest", () => {
  it("defaults the x-axis to steps and drops repeated runs and keys", () => {
    expect(MetricSeriesRequest.parse({ runIds: ["a", "b", "a"], metricKeys: ["loss", "loss"], buckets: 1000 })).toEqual(
      { runIds: ["a", "b"], metricKeys: ["loss"], xAxis: "step", buckets: 1000 },
    );
  });
});
