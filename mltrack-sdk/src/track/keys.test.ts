import { describe, expect, it } from "vitest";
import { isValidKey, truncateVisibly } from "./keys";

describe("MLflow names and values", () => {
  it("accepts MLflow's key characters and refuses the rest", () => {
    for (const ok of ["loss", "val/loss", "a.b-c d:e", "llm.cost_usd", "Genauigkeit_ü"])
      expect(isValidKey(ok)).toBe(true);
    for (const bad of ["", "a=b", "../x", "/abs", "a//b", "trailing/", "x".repeat(251), "a\nb"])
      expect(isValidKey(bad)).toBe(false);
  });

  it("cuts long values to the limit, saying so and where the whole is", () => {
    const text = "x".repeat(9000);
    const cut = truncateVisibly(text, 8000, "mltrack/error.txt");
    expect(cut.length).toBeLessThanOrEqual(8000);
    expect(cut).toMatch(/\n… \[truncated: \d+ more characters; the full text is in mltrack\/error\.txt\]$/);
    const kept = cut.indexOf("\n…");
    expect(Number(/truncated: (\d+)/.exec(cut)![1])).toBe(9000 - kept);
    expect(truncateVisibly("short", 8000)).toBe("short");
  });
});
