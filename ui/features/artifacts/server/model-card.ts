import "server-only";
import { MlflowNotFoundError, checkArtifactPath, type MlflowClient } from "mltrack-sdk/mlflow";
import { AppError } from "@/lib/http/errors";
import { formatBytes, joinPath } from "../paths";
import type { InputExampleView, ModelCard } from "../schemas";
import type { ArtifactSource } from "../source";
import { readArtifactText } from "./artifact-file";
import { inputExampleView } from "./input-example";
import { MlmodelParseError, summarizeMlmodel } from "./mlmodel-summary";

export const MLMODEL_MAX_BYTES = 1024 * 1024;
export const INPUT_EXAMPLE_MAX_BYTES = 1024 * 1024;

/** What a model version registered from this folder points at; null where MLflow has no such URI. */
export function registrationSourceOf(source: ArtifactSource, dir: string): string | null {
  if (source.kind === "run") return `runs:/${source.runId}/${dir}`;
  return dir === "" ? `models:/${source.modelId}` : null;
}

/** The model card of the folder `dir` (which holds an `MLmodel` file). */
export async function getModelCard(
  mlflow: MlflowClient,
  source: ArtifactSource,
  dir: string,
  signal?: AbortSignal,
): Promise<ModelCard> {
  const mlmodelPath = joinPath(dir, "MLmodel");
  const { text, truncated } = await readArtifactText(mlflow, source, mlmodelPath, MLMODEL_MAX_BYTES, signal);
  if (truncated) {
    throw new AppError("BAD_REQUEST", `${mlmodelPath} is larger than ${formatBytes(MLMODEL_MAX_BYTES)}`, {
      status: 422,
    });
  }
  let summary;
  try {
    summary = summarizeMlmodel(text);
  } catch (err) {
    if (err instanceof MlmodelParseError) throw new AppError("BAD_REQUEST", err.message, { status: 422 });
    throw err;
  }
  const example = summary.inputExample
    ? await loadInputExample(mlflow, source, joinPath(dir, summary.inputExample.artifactPath), signal)
    : null;
  return { path: dir, summary, inputExample: example, registrationSource: registrationSourceOf(source, dir) };
}

async function loadInputExample(
  mlflow: MlflowClient,
  source: ArtifactSource,
  path: string,
  signal?: AbortSignal,
): Promise<InputExampleView> {
  // The name comes from the MLmodel file: as untrusted as any other artifact content.
  const check = checkArtifactPath(path);
  if (!check.ok) return { kind: "unavailable", reason: `The input example path is refused: ${check.reason}` };
  try {
    const { text, truncated } = await readArtifactText(mlflow, source, path, INPUT_EXAMPLE_MAX_BYTES, signal);
    if (truncated) {
      return {
        kind: "unavailable",
        reason: `The input example is larger than ${formatBytes(INPUT_EXAMPLE_MAX_BYTES)}: download ${path} to see it`,
      };
    }
    return inputExampleView(text);
  } catch (err) {
    if (err instanceof MlflowNotFoundError) return { kind: "unavailable", reason: `${path} was not found` };
    throw err;
  }
}
