import { describe, expect, it } from "vitest";
import {
  formatDuration,
  formatStep,
  formatStepTick,
  formatValue,
  formatValueTick,
  formatWallTime,
  formatWallTimeTick,
  xTickFormatter,
} from "./axis-format";

describe("value formatting", () => {
  it("keeps y-axis ticks short", () => {
    expect([0, 1, 0.5, 0.1234567, 12.5, 1234, 1_000_000, 2_500_000_000, -45_000].map(formatValueTick)).toEqual([
      "0",
      "1",
      "0.5",
      "0.1235",
      "12.5",
      "1,234",
      "1M",
      "2.5B",
      "-45K",
    ]);
    expect(formatValueTick(0.00012)).toBe("1.2e-4");
    expect(formatValueTick(1e-7)).toBe("1e-7");
  });

  it("shows a tooltip value precisely, naming NaN and infinities", () => {
    expect(formatValue(0.123456789012)).toBe("0.123456789");
    expect(formatValue(1_000_000)).toBe("1,000,000");
    expect(formatValue(3e-7)).toBe("3e-7");
    expect(formatValue(1.5e20)).toBe("1.5e+20");
    expect(formatValue(NaN)).toBe("NaN");
    expect(formatValue(-Infinity)).toBe("-Infinity");
    expect(formatValue(null)).toBe("–");
  });
});

describe("step formatting", () => {
  it("groups steps, and abbreviates large ticks", () => {
    expect(formatStep(12_345)).toBe("12,345");
    expect(formatStepTick(9_999)).toBe("9,999");
    expect(formatStepTick(20_000)).toBe("20K");
    expect(formatStepTick(1_500_000)).toBe("1.5M");
  });
});

describe("time formatting", () => {
  it("writes durations in their two largest units", () => {
    expect([0, 250, 45_000, 90_000, 3_600_000, 7_500_000, 273_600_000, 86_400_000 + 5_000].map(formatDuration)).toEqual(
      ["0", "250ms", "45s", "1m 30s", "1h", "2h 5m", "3d 4h", "1d"],
    );
    expect(formatDuration(-90_000)).toBe("-1m 30s");
  });

  it("picks the wall-time precision from the visible span", () => {
    const t = Date.UTC(2026, 0, 2, 13, 4, 5, 678);
    expect(formatWallTimeTick(t, 60_000, "UTC")).toBe("13:04:05");
    expect(formatWallTimeTick(t, 3_600_000, "UTC")).toBe("13:04");
    expect(formatWallTimeTick(t, 3 * 86_400_000, "UTC")).toBe("Jan 2, 13:04");
    expect(formatWallTime(t, "UTC")).toBe("2026-01-02 13:04:05.678");
  });

  it("chooses the tick formatter for the x-axis", () => {
    expect(xTickFormatter("step", 0)(20_000)).toBe("20K");
    expect(xTickFormatter("time-relative", 0)(90_000)).toBe("1m 30s");
    expect(xTickFormatter("time-relative", 0)(0)).toBe("0");
    expect(xTickFormatter("time", 60_000, "UTC")(Date.UTC(2026, 0, 1, 1, 2, 3))).toBe("01:02:03");
  });
});
