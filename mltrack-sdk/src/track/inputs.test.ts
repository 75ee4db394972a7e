import { describe, expect, it } from "vitest";
import { captureInputs, MAX_INPUT_PARAMS } from "./inputs";

describe("params from arguments", () => {
  it("names positional arguments from `params`, flattening objects into dotted names", () => {
    const { params, rest } = captureInputs(
      [0.01, 10, { optimizer: { name: "adam", betas: [0.9, 0.999] }, layers: 3 }, true],
      ["lr", "epochs", "config"],
    );
    expect(params).toEqual({
      lr: "0.01",
      epochs: "10",
      "config.optimizer.name": "adam",
      "config.optimizer.betas": "[0.9,0.999]",
      "config.layers": "3",
      arg3: "true",
    });
    expect(rest).toBeUndefined();
  });

  it("takes a lone plain-object argument's keys as the params when no names are given", () => {
    const { params } = captureInputs([{ a: { b: { c: 1 } }, name: "x", when: new Date(0), none: null }], undefined);
    expect(params).toEqual({ "a.b.c": "1", name: "x", when: "1970-01-01T00:00:00.000Z", none: "null" });
  });

  it("calls unnamed positional arguments arg0, arg1, ... and skips undefined and functions", () => {
    const { params, rest } = captureInputs([1, undefined, () => 1, "s"], undefined);
    expect(params).toEqual({ arg0: "1", arg3: "s" });
    expect(rest).toBeUndefined();
  });

  it("keeps what a param cannot hold in the rest: long text, large arrays, instances, bad names", () => {
    const long = "x".repeat(6001);
    const big = Array.from({ length: 100 }, (_, i) => i);
    const buffer = new Uint8Array(4);
    const { params, rest } = captureInputs([{ long, big, buffer, "bad=name": 1, ok: 2, nested: [[1]] }], undefined);
    expect(params).toEqual({ ok: "2" });
    expect(rest).toEqual({ long, big, buffer, "bad=name": 1, nested: [[1]] });
  });

  it("stops at a bounded number of params, keeping the others in the rest", () => {
    const many = Object.fromEntries(Array.from({ length: MAX_INPUT_PARAMS + 5 }, (_, i) => [`k${i}`, i]));
    const { params, rest } = captureInputs([many], undefined);
    expect(Object.keys(params)).toHaveLength(MAX_INPUT_PARAMS);
    expect(Object.keys(rest ?? {})).toHaveLength(5);
  });

  it("leaves objects deeper than five levels whole in the rest", () => {
    const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
    const { params, rest } = captureInputs([deep], undefined);
    expect(params).toEqual({});
    expect(rest).toEqual({ "a.b.c.d.e": { f: 1 } });
  });
});
