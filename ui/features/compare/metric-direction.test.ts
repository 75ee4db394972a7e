import { describe, expect, it } from "vitest";
import { inferBestDirection } from "./metric-direction";

describe("inferBestDirection", () => {
  it.each([
    "loss",
    "val_loss",
    "trainLoss",
    "eval/rmse",
    "test-mae",
    "mse",
    "logloss",
    "error_rate",
    "validation.perplexity",
    "error_score",
  ])("%s: lower is better", (key) => {
    expect(inferBestDirection(key)).toBe("min");
  });

  it.each(["acc", "top1_acc", "val/accuracy", "f1", "macroF1", "roc_auc", "precision", "recall", "r2", "score"])(
    "%s: higher is better",
    (key) => {
      expect(inferBestDirection(key)).toBe("max");
    },
  );

  it.each(["epoch", "lr", "learning_rate", "throughput", "gpu_memory", "accurate_ish_count"])("%s: unknown", (key) => {
    expect(inferBestDirection(key)).toBeNull();
  });
});
