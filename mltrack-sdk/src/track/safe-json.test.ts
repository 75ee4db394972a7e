import { describe, expect, it } from "vitest";
import { safeJsonStringify, toJsonValue } from "./safe-json";

describe("JSON of any value", () => {
  it("never throws, writing markers for what JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = { name: "a" };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    expect(
      toJsonValue({
        cyclic,
        twice: [shared, shared],
        big: 10n,
        nan: Number.NaN,
        inf: -Infinity,
        fn: function named() {},
        date: new Date(0),
        bytes: new Float32Array(3),
        map: new Map([["k", 1]]),
        set: new Set([1, 2]),
        skipped: undefined,
        error: new RangeError("boom"),
      }),
    ).toMatchObject({
      cyclic: { name: "a", self: "[Circular]" },
      twice: [{ x: 1 }, { x: 1 }],
      big: "10",
      nan: "NaN",
      inf: "-Infinity",
      date: "1970-01-01T00:00:00.000Z",
      bytes: "[Float32Array of 12 bytes]",
      map: { k: 1 },
      set: [1, 2],
      error: { name: "RangeError", message: "boom" },
    });
  });

  it("bounds arrays, strings and depth, saying how much was left out", () => {
    const limits = { maxDepth: 2, maxArrayItems: 2, maxObjectKeys: 2, maxStringLength: 3, maxNodes: 100 };
    expect(toJsonValue({ a: [1, 2, 3], s: "abcdef" }, limits)).toEqual({
      a: [1, 2, "… 1 more items"],
      s: "abc… [3 more characters]",
    });
    expect(toJsonValue({ a: { b: { c: 1 } } }, limits)).toEqual({ a: { b: "[Object beyond depth 2]" } });
    expect(toJsonValue({ a: 1, b: 2, c: 3 }, limits)).toEqual({ a: 1, b: 2, "…": "1 more keys" });
  });

  it("survives getters that throw and toJSON methods", () => {
    const odd = {
      get bad(): number {
        throw new Error("no");
      },
      inner: { toJSON: () => ({ via: "toJSON" }) },
    };
    expect(JSON.parse(safeJsonStringify(odd))).toEqual({ bad: "[unreadable]", inner: { via: "toJSON" } });
  });

  it("writes at most maxNodes values, whatever the shape", () => {
    const wide = Array.from({ length: 50 }, () => Array.from({ length: 50 }, (_, i) => i));
    const limits = { maxDepth: 5, maxArrayItems: 1000, maxObjectKeys: 1000, maxStringLength: 10, maxNodes: 100 };
    const json = JSON.stringify(toJsonValue(wide, limits));
    expect(json.match(/\d+/g)!.length).toBeLessThanOrEqual(100);
    expect(json).toContain('"[…]"');
  });
});
