import { describe, expect, it } from "vitest";
import {
  accuracy,
  fitStandardizer,
  gradientStep,
  logLoss,
  lossGradient,
  predictProbability,
  standardize,
  zeroModel,
  type LogisticModel,
} from "./logistic-regression";

const rows = [
  [1, 2],
  [2, 1],
  [3, 4],
  [5, 3],
  [6, 7],
];
const labels = [0, 0, 1, 1, 1];

describe("the standardizer", () => {
  it("centres each column on 0 with standard deviation 1, and leaves a constant column's scale alone", () => {
    const withConstant = rows.map((row) => [...row, 7]);
    const s = fitStandardizer(withConstant);
    expect(s.mean).toEqual([3.4, 3.4, 7]);
    expect(s.std[2]).toBe(1);
    const scaled = standardize(withConstant, s);
    for (const j of [0, 1]) {
      const column = scaled.map((row) => row[j] as number);
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
    expect(scaled.map((row) => row[2])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("logistic regression", () => {
  it("starts at probability 1/2 everywhere, where the loss is ln 2", () => {
    const model = zeroModel(2);
    expect(predictProbability(model, [3, -4])).toBe(0.5);
    expect(logLoss(model, rows, labels)).toBeCloseTo(Math.LN2, 12);
  });

  it("has the gradient of its loss: each component matches a central finite difference", () => {
    const model: LogisticModel = { weights: [0.3, -0.2], bias: 0.1 };
    const gradient = lossGradient(model, rows, labels);
    const h = 1e-6;
    const nudged = (j: number, by: number): LogisticModel =>
      j < 0
        ? { ...model, bias: model.bias + by }
        : { ...model, weights: model.weights.map((w, k) => (k === j ? w + by : w)) };
    const numeric = (j: number) =>
      (logLoss(nudged(j, h), rows, labels) - logLoss(nudged(j, -h), rows, labels)) / (2 * h);
    expect(gradient.weights[0]).toBeCloseTo(numeric(0), 6);
    expect(gradient.weights[1]).toBeCloseTo(numeric(1), 6);
    expect(gradient.bias).toBeCloseTo(numeric(-1), 6);
  });

  it("takes a step against the gradient scaled by the learning rate, without changing the model it was given", () => {
    const model: LogisticModel = { weights: [0.3, -0.2], bias: 0.1 };
    const gradient = lossGradient(model, rows, labels);
    const next = gradientStep(model, rows, labels, 0.5);
    expect(next.weights[0]).toBeCloseTo(0.3 - 0.5 * (gradient.weights[0] as number), 15);
    expect(next.bias).toBeCloseTo(0.1 - 0.5 * gradient.bias, 15);
    expect(model).toEqual({ weights: [0.3, -0.2], bias: 0.1 });
  });

  it("learns a separable set: the loss falls at every step and every row ends up right, the same way each time", () => {
    const train = () => {
      const scaled = standardize(rows, fitStandardizer(rows));
      let model = zeroModel(2);
      const losses = [logLoss(model, scaled, labels)];
      for (let i = 0; i < 100; i++) {
        model = gradientStep(model, scaled, labels, 0.5);
        losses.push(logLoss(model, scaled, labels));
      }
      return { losses, accuracy: accuracy(model, scaled, labels), model };
    };
    const first = train();
    expect(first.losses.every((loss, i) => i === 0 || loss < (first.losses[i - 1] as number))).toBe(true);
    expect(first.accuracy).toBe(1);
    expect(train()).toEqual(first);
  });

  it("stays finite far from the boundary (no overflow in the sigmoid or the loss)", () => {
    const model: LogisticModel = { weights: [1000], bias: 0 };
    expect(predictProbability(model, [-5])).toBe(0);
    expect(predictProbability(model, [5])).toBe(1);
    expect(Number.isFinite(logLoss(model, [[-5], [5]], [1, 0]))).toBe(true);
  });
});
