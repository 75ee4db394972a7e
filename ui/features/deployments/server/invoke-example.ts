/**
 * The test-invoke form's first body: the model version's `serving_input_example.json` (the file its
 * MLmodel names under `saved_input_example_info.serving_input_path`), else one row from its signature.
 */
import "server-only";
import { parse } from "yaml";
import { MlflowNotFoundError, checkArtifactPath, type MlflowClient } from "mltrack-sdk/mlflow";
import { loggedModelSource, runSource, type ArtifactSource } from "@/features/artifacts";
import { MlmodelParseError, readArtifactText, summarizeMlmodel } from "@/features/artifacts/server";
import { bodyFromSignature, prettyJson } from "../invoke-body";
import { INVOKE_MAX_BODY_BYTES, type InvokeExample } from "../schemas";

const MLMODEL_MAX_BYTES = 1024 * 1024;

/** Where a model version's files are: its logged model (MLflow 3), or a folder of its source run. */
export function versionArtifacts(version: {
  source: string;
  runId: string;
  modelId: string;
}): { source: ArtifactSource; dir: string } | null {
  if (version.modelId) return { source: loggedModelSource(version.modelId), dir: "" };
  const models = /^models:\/(m-[0-9a-f]+)\/?$/.exec(version.source);
  if (models?.[1]) return { source: loggedModelSource(models[1]), dir: "" };
  const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(version.source);
  if (runs?.[1]) return { source: runSource(runs[1]), dir: runs[2]?.replace(/\/+$/, "") ?? "" };
  if (version.runId) {
    const marker = `/${version.runId}/artifacts/`;
    const at = version.source.indexOf(marker);
    if (at >= 0) return { source: runSource(version.runId), dir: version.source.slice(at + marker.length) };
  }
  return null;
}

const join = (dir: string, name: string) => (dir ? `${dir.replace(/\/+$/, "")}/${name}` : name);

const none = (note: string): InvokeExample => ({ source: "none", contentType: "application/json", body: "", note });

export async function invokeExampleOf(
  mlflow: MlflowClient,
  modelName: string,
  modelVersion: string,
  signal?: AbortSignal,
): Promise<InvokeExample> {
  const version = await mlflow.modelVersions.get({ name: modelName, version: modelVersion }, { signal });
  const where = versionArtifacts(version);
  if (!where)
    return none(
      `The files of version ${modelVersion} (${version.source}) are not readable through MLflow's artifact routes.`,
    );
  const mlmodelPath = join(where.dir, "MLmodel");
  let mlmodel: string;
  try {
    const read = await readArtifactText(mlflow, where.source, mlmodelPath, MLMODEL_MAX_BYTES, signal);
    if (read.truncated) return none(`${mlmodelPath} is larger than 1 MiB.`);
    mlmodel = read.text;
  } catch (err) {
    if (err instanceof MlflowNotFoundError)
      return none(`Version ${modelVersion} has no MLmodel file (${mlmodelPath}).`);
    throw err;
  }

  const servingPath = servingInputPathOf(mlmodel);
  if (servingPath) {
    const path = join(where.dir, servingPath);
    const check = checkArtifactPath(path);
    if (check.ok) {
      try {
        const read = await readArtifactText(mlflow, where.source, path, INVOKE_MAX_BODY_BYTES, signal);
        if (!read.truncated) {
          return {
            source: "serving-input-example",
            contentType: "application/json",
            body: prettyJson(read.text),
            note: `From the model's serving input example (${servingPath}).`,
          };
        }
      } catch (err) {
        if (!(err instanceof MlflowNotFoundError)) throw err;
      }
    }
  }

  try {
    const inputs = summarizeMlmodel(mlmodel).signature?.inputs ?? null;
    const body = bodyFromSignature(inputs?.map((i) => ({ name: i.name, type: i.type, shape: i.shape })) ?? null);
    if (body) {
      return {
        source: "signature",
        contentType: "application/json",
        body,
        note: "One placeholder row built from the model's signature: replace the values.",
      };
    }
  } catch (err) {
    if (!(err instanceof MlmodelParseError)) throw err;
  }
  return none("The model has neither a serving input example nor a signature: write the body by hand.");
}

/** `saved_input_example_info.serving_input_path` of an MLmodel file; null when absent or unreadable. */
export function servingInputPathOf(mlmodel: string): string | null {
  try {
    const doc: unknown = parse(mlmodel, { maxAliasCount: 100, logLevel: "error" });
    const info = (doc as { saved_input_example_info?: { serving_input_path?: unknown } } | null)
      ?.saved_input_example_info;
    return typeof info?.serving_input_path === "string" && info.serving_input_path ? info.serving_input_path : null;
  } catch {
    return null;
  }
}
