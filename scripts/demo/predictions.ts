/** What `make test-inference` checks about a deployment's answers, as plain functions. */

/** The body of MLflow's scoring server for a `dataframe_split` request: `{ "predictions": [...] }`. */
export function servedPredictions(body: unknown): unknown[] {
  if (body !== null && typeof body === "object" && Array.isArray((body as { predictions?: unknown }).predictions)) {
    return (body as { predictions: unknown[] }).predictions;
  }
  throw new Error(`the scoring server's answer has no "predictions" list: ${JSON.stringify(body).slice(0, 200)}`);
}

export interface PredictionCheck {
  rows: number;
  /** Rows whose served prediction is not one of the classes. */
  invalid: { row: number; served: unknown }[];
  /** Rows where the deployment and the registered model itself disagree. */
  mismatches: { row: number; served: unknown; reference: number }[];
  /** Served predictions equal to the true label. */
  correct: number;
  accuracy: number;
}

export function checkPredictions(input: {
  served: readonly unknown[];
  reference: readonly number[];
  labels: readonly number[];
  classes: readonly number[];
}): PredictionCheck {
  const { served, reference, labels, classes } = input;
  if (served.length !== labels.length || reference.length !== labels.length) {
    throw new Error(
      `expected ${labels.length} predictions, got ${served.length} from the deployment and ${reference.length} from the model`,
    );
  }
  const check: PredictionCheck = { rows: labels.length, invalid: [], mismatches: [], correct: 0, accuracy: 0 };
  served.forEach((value, row) => {
    if (typeof value !== "number" || !classes.includes(value)) check.invalid.push({ row, served: value });
    if (value !== reference[row]) check.mismatches.push({ row, served: value, reference: reference[row]! });
    if (value === labels[row]) check.correct++;
  });
  check.accuracy = labels.length ? check.correct / labels.length : 0;
  return check;
}
