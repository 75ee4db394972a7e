import { describe, expect, it } from "vitest";
import { checkPredictions, servedPredictions } from "./predictions";

describe("servedPredictions", () => {
  it("reads MLflow's scoring answer and refuses any other shape", () => {
    expect(servedPredictions({ predictions: [0, 1] })).toEqual([0, 1]);
    expect(() => servedPredictions([0, 1])).toThrow(/no "predictions" list/);
    expect(() => servedPredictions({ predictions: "0,1" })).toThrow(/no "predictions" list/);
  });
});

describe("checkPredictions", () => {
  const classes = [0, 1];

  it("passes predictions that are classes and equal the model's own, and counts those equal to the label", () => {
    const check = checkPredictions({ served: [0, 1, 1, 0], reference: [0, 1, 1, 0], labels: [0, 1, 0, 0], classes });
    expect(check).toEqual({ rows: 4, invalid: [], mismatches: [], correct: 3, accuracy: 0.75 });
  });

  it("reports a value that is not a class, and where the deployment and the model disagree", () => {
    const check = checkPredictions({ served: [0, 2, "1", 0], reference: [0, 1, 1, 1], labels: [0, 1, 1, 0], classes });
    expect(check.invalid).toEqual([
      { row: 1, served: 2 },
      { row: 2, served: "1" },
    ]);
    expect(check.mismatches).toEqual([
      { row: 1, served: 2, reference: 1 },
      { row: 2, served: "1", reference: 1 },
      { row: 3, served: 0, reference: 1 },
    ]);
    expect(check.correct).toBe(2);
  });

  it("refuses answers of another length than the rows sent", () => {
    expect(() => checkPredictions({ served: [0], reference: [0, 1], labels: [0, 1], classes })).toThrow(
      /expected 2 predictions, got 1 from the deployment and 2 from the model/,
    );
  });
});
