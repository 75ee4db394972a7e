import { describe, expect, it } from "vitest";
import { ilikePattern, matchesNameQuery, nameFilter } from "./name-search";

describe("name search filter", () => {
  it("wraps plain text in % for a contains search", () => {
    expect(nameFilter("churn")).toEqual({ filter: "name ILIKE '%churn%'", narrow: false });
    expect(nameFilter("  churn model ")).toEqual({ filter: "name ILIKE '%churn model%'", narrow: false });
  });

  it("sends no filter for an empty search", () => {
    expect(nameFilter("")).toEqual({ filter: undefined, narrow: false });
    expect(nameFilter("   ")).toEqual({ filter: undefined, narrow: false });
  });

  it("never lets a quote out of the pattern's single quotes", () => {
    for (const text of ["bob's", "a'b'c", `say "hi"`, "x' OR name LIKE '%", "back`tick", "back\\slash"]) {
      const pattern = ilikePattern(text);
      const inner = pattern.slice(1, -1);
      expect(pattern.startsWith("'%") && pattern.endsWith("%'"), text).toBe(true);
      expect(inner, text).not.toMatch(/['"`\\]/);
      expect(nameFilter(text).narrow, text).toBe(true);
    }
    expect(ilikePattern("x' OR name LIKE '%")).toBe("'%x_ OR name LIKE __%'");
  });

  it("turns % and _ into one-character wildcards and asks for the literal narrowing", () => {
    expect(ilikePattern("100%")).toBe("'%100_%'");
    expect(ilikePattern("my_exp")).toBe("'%my_exp%'");
    expect(nameFilter("my_exp").narrow).toBe(true);
    expect(nameFilter("100%").narrow).toBe(true);
  });

  it("narrows MLflow's superset to names that contain the text literally, ignoring case", () => {
    expect(matchesNameQuery("My_Exp-1", "my_exp")).toBe(true);
    expect(matchesNameQuery("myXexp", "my_exp")).toBe(false);
    expect(matchesNameQuery("growth 100% done", "100%")).toBe(true);
    expect(matchesNameQuery("1000 runs", "100%")).toBe(false);
    expect(matchesNameQuery("bob's run", "BOB'S")).toBe(true);
    expect(matchesNameQuery("bobXs run", "bob's")).toBe(false);
  });
});
