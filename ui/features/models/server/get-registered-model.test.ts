import { describe, expect, it } from "vitest";
import { nameFilter } from "./get-registered-model";

describe("nameFilter", () => {
  it("quotes with whichever quote the name does not hold, and refuses names with both", () => {
    expect(nameFilter("churn")).toBe("name = 'churn'");
    expect(nameFilter("bob's model")).toBe(`name = "bob's model"`);
    expect(() => nameFilter(`a'b"c`)).toThrow(/both quote characters/);
  });
});
