import { describe, expect, it } from "vitest";
import { chartViewSearch, parseChartView } from "./search-params";

const params = (text: string) => new URLSearchParams(text);

describe("chart view in the URL", () => {
  it("reads the x-axis and the log scale, defaulting to steps on a linear axis", () => {
    expect(parseChartView(params(""))).toEqual({ xAxis: "step", logY: false });
    expect(parseChartView(params("tab=metrics&x=time&log=1"))).toEqual({ xAxis: "time", logY: true });
    expect(parseChartView(params("x=time-relative&log=yes"))).toEqual({ xAxis: "time-relative", logY: false });
    expect(parseChartView(params("x=epoch"))).toEqual({ xAxis: "step", logY: false });
  });

  it("writes only what differs from the default, keeping the tab and anything else", () => {
    expect(chartViewSearch(params("tab=metrics"), { xAxis: "time" })).toBe("?tab=metrics&x=time");
    expect(chartViewSearch(params("tab=metrics&x=time"), { logY: true })).toBe("?tab=metrics&x=time&log=1");
    expect(chartViewSearch(params("tab=system&x=time&log=1"), { xAxis: "step", logY: false })).toBe("?tab=system");
    expect(chartViewSearch(params(""), {})).toBe("");
    const parsed = parseChartView(
      params(chartViewSearch(params("tab=metrics"), { xAxis: "time-relative", logY: true }).slice(1)),
    );
    expect(parsed).toEqual({ xAxis: "time-relative", logY: true });
  });
});
