/**
 * Binary logistic regression trained by full-batch gradient descent, in plain TypeScript: the model of
 * the TypeScript demo. Starting from zero weights on the whole batch, training is deterministic.
 */

export interface Standardizer {
  mean: number[];
  std: number[];
}

export interface LogisticModel {
  weights: number[];
  bias: number;
}

/** Probabilities are clipped to [EPS, 1 - EPS] in the loss, as scikit-learn's log_loss does. */
const EPS = 1e-15;

/** Per-column mean and standard deviation of the training rows (a constant column gets std 1). */
export function fitStandardizer(rows: readonly number[][]): Standardizer {
  const columns = rows[0]?.length ?? 0;
  const mean = Array.from({ length: columns }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const std = mean.map((m, j) => {
    const variance = rows.reduce((sum, row) => sum + (row[j]! - m) ** 2, 0) / rows.length;
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
}

export function standardize(rows: readonly number[][], { mean, std }: Standardizer): number[][] {
  return rows.map((row) => row.map((value, j) => (value - mean[j]!) / std[j]!));
}

export function zeroModel(features: number): LogisticModel {
  return { weights: new Array<number>(features).fill(0), bias: 0 };
}

function sigmoid(z: number): number {
  // Two forms so that exp never overflows.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** P(label = 1 | row). */
export function predictProbability(model: LogisticModel, row: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < row.length; j++) z += model.weights[j]! * row[j]!;
  return sigmoid(z);
}

/** Mean binary cross-entropy. */
export function logLoss(model: LogisticModel, rows: readonly number[][], labels: readonly number[]): number {
  let total = 0;
  rows.forEach((row, i) => {
    const p = Math.min(Math.max(predictProbability(model, row), EPS), 1 - EPS);
    total -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return total / rows.length;
}

export function accuracy(model: LogisticModel, rows: readonly number[][], labels: readonly number[]): number {
  const correct = rows.filter((row, i) => (predictProbability(model, row) >= 0.5 ? 1 : 0) === labels[i]).length;
  return correct / rows.length;
}

/** The gradient of `logLoss` with respect to the weights and the bias. */
export function lossGradient(
  model: LogisticModel,
  rows: readonly number[][],
  labels: readonly number[],
): LogisticModel {
  const weights = new Array<number>(model.weights.length).fill(0);
  let bias = 0;
  rows.forEach((row, i) => {
    const error = predictProbability(model, row) - labels[i]!;
    for (let j = 0; j < row.length; j++) weights[j]! += (error * row[j]!) / rows.length;
    bias += error / rows.length;
  });
  return { weights, bias };
}

/** One step of gradient descent over the whole batch; returns a new model. */
export function gradientStep(
  model: LogisticModel,
  rows: readonly number[][],
  labels: readonly number[],
  learningRate: number,
): LogisticModel {
  const gradient = lossGradient(model, rows, labels);
  return {
    weights: model.weights.map((w, j) => w - learningRate * gradient.weights[j]!),
    bias: model.bias - learningRate * gradient.bias,
  };
}
