import { describe, expect, it } from "vitest";
import { PointLru } from "./point-lru";

describe("PointLru", () => {
  it("holds entries up to a total size, dropping the least recently used first", () => {
    const lru = new PointLru<string>(10);
    lru.set("a", "A", 4);
    lru.set("b", "B", 4);
    expect(lru.get("a")).toBe("A");
    lru.set("c", "C", 5);
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual(["A", undefined, "C"]);
    expect(lru.size).toBe(9);
  });

  it("replaces an entry in place, and refuses one larger than the budget", () => {
    const lru = new PointLru<string>(10);
    lru.set("a", "A", 4);
    lru.set("a", "A2", 6);
    expect(lru.size).toBe(6);
    lru.set("big", "B", 11);
    expect(lru.get("big")).toBeUndefined();
    expect(lru.get("a")).toBe("A2");
    lru.delete("a");
    expect(lru.size).toBe(0);
  });
});
