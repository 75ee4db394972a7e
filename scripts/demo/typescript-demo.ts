/**
 * The TypeScript half of `make train`, through `track()` from the built mltrack-sdk, in experiment
 * mltrack-demo-typescript:
 * - "lr-sweep": logistic regression trained in plain TypeScript on the breast-cancer rows the
 *   scikit-learn sweep exported (the same training/validation split), one nested run per learning
 *   rate with per-epoch loss and accuracy; the parent is tagged with the best run.
 * - "rule-based-sentiment-eval": an evaluation loop over an LLM-shaped function that is not an LLM
 *   (rule-based-sentiment.ts says what it is), with token usage per call.
 */
import { readFile } from "node:fs/promises";
import { LLM_TAGS, currentRun, flush, track } from "mltrack-sdk";
import { z } from "zod";
import { TYPESCRIPT_EXPERIMENT } from "./demo-config";
import {
  accuracy,
  fitStandardizer,
  gradientStep,
  logLoss,
  standardize,
  zeroModel,
  type LogisticModel,
} from "./logistic-regression";
import { REVIEWS, RULE_BASED_MODEL, TOKENIZER, classifySentiment } from "./rule-based-sentiment";

export const LEARNING_RATES = [0.01, 0.1, 1];
export const TS_EPOCHS = 50;
export const BEST_RUN_TAG = "demo.best_run_id";

const Rows = z.object({ data: z.array(z.array(z.number())).min(1), labels: z.array(z.number().int()) });
const Dataset = z.object({ dataset: z.string(), columns: z.array(z.string()), train: Rows, validation: Rows });

export interface TypescriptDemoResult {
  sweepRunId: string | undefined;
  childRunIds: string[];
  bestLearningRate: number;
  bestValAccuracy: number;
  evaluationRunId: string | undefined;
  evaluationAccuracy: number;
}

export async function runTypescriptDemo(options: {
  trackingUri: string;
  datasetFile: string;
}): Promise<TypescriptDemoResult> {
  const dataset = Dataset.parse(JSON.parse(await readFile(options.datasetFile, "utf8")));
  const standardizer = fitStandardizer(dataset.train.data);
  const train = { rows: standardize(dataset.train.data, standardizer), labels: dataset.train.labels };
  const val = { rows: standardize(dataset.validation.data, standardizer), labels: dataset.validation.labels };
  const target = { trackingUri: options.trackingUri };
  const trained: { learningRate: number; runId: string | undefined; valLoss: number; valAccuracy: number }[] = [];

  const trainLogisticRegression = track(
    async function trainLogisticRegression(config: { learningRate: number; epochs: number }) {
      const run = currentRun();
      let model: LogisticModel = zeroModel(dataset.columns.length);
      for (let epoch = 0; epoch < config.epochs; epoch++) {
        model = gradientStep(model, train.rows, train.labels, config.learningRate);
        run.log(
          {
            train_loss: logLoss(model, train.rows, train.labels),
            val_loss: logLoss(model, val.rows, val.labels),
            train_accuracy: accuracy(model, train.rows, train.labels),
            val_accuracy: accuracy(model, val.rows, val.labels),
          },
          { step: epoch },
        );
      }
      const result = {
        final_val_loss: logLoss(model, val.rows, val.labels),
        final_val_accuracy: accuracy(model, val.rows, val.labels),
      };
      trained.push({
        learningRate: config.learningRate,
        runId: await run.runId,
        valLoss: result.final_val_loss,
        valAccuracy: result.final_val_accuracy,
      });
      return result;
    },
    { ...target, runName: (config) => `logreg-lr${config.learningRate}` },
  );

  let sweepRunId: string | undefined;
  const lrSweep = track(
    async function lrSweep(config: { learningRates: number[]; epochs: number }) {
      sweepRunId = await currentRun().runId;
      for (const learningRate of config.learningRates) {
        await trainLogisticRegression({ learningRate, epochs: config.epochs });
      }
      const best = trained.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
      currentRun().setTags({ [BEST_RUN_TAG]: best.runId ?? "", "demo.best_learning_rate": best.learningRate });
      return { best_val_loss: best.valLoss, best_val_accuracy: best.valAccuracy };
    },
    {
      ...target,
      experiment: TYPESCRIPT_EXPERIMENT,
      runName: "lr-sweep",
      tags: {
        "demo.kind": "sweep",
        "demo.model": "logistic regression, full-batch gradient descent in plain TypeScript",
        "demo.dataset": `${dataset.dataset} (training and validation rows exported by the scikit-learn sweep)`,
      },
    },
  );

  let evaluationRunId: string | undefined;
  const evaluateRuleBasedSentiment = track(
    async function evaluateRuleBasedSentiment() {
      const run = currentRun();
      evaluationRunId = await run.runId;
      run.logParams({ function_under_evaluation: RULE_BASED_MODEL, tokenizer: TOKENIZER, examples: REVIEWS.length });
      let correct = 0;
      REVIEWS.forEach((review, i) => {
        const response = classifySentiment(review.text);
        run.logLlmUsage(response);
        if (response.label === review.label) correct++;
        run.log({ correct: response.label === review.label ? 1 : 0 }, { step: i });
      });
      // track() names the provider after the shape of `usage`; no provider answered here.
      run.setTags({ [LLM_TAGS.provider]: "none (rule-based function, not an LLM)" });
      return { accuracy: correct / REVIEWS.length };
    },
    {
      ...target,
      experiment: TYPESCRIPT_EXPERIMENT,
      runName: "rule-based-sentiment-eval",
      captureInputs: false,
      tags: {
        "demo.kind": "evaluation",
        "demo.note": "The function under evaluation is a deterministic rule-based classifier, not a language model.",
      },
    },
  );

  const sweep = await lrSweep({ learningRates: LEARNING_RATES, epochs: TS_EPOCHS });
  const evaluation = await evaluateRuleBasedSentiment();
  await flush();
  const best = trained.find((t) => t.valLoss === sweep.best_val_loss);
  return {
    sweepRunId,
    childRunIds: trained.map((t) => t.runId ?? ""),
    bestLearningRate: best?.learningRate ?? Number.NaN,
    bestValAccuracy: sweep.best_val_accuracy,
    evaluationRunId,
    evaluationAccuracy: evaluation.accuracy,
  };
}
