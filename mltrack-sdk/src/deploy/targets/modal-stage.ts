/**
 * Staging a Modal deploy: `<workDir>/modal/` gets the fixed template (`app.py`), its `deploy.json`
 * and a copy of the model (`model/`), which `modal deploy` bakes into the image. What the image
 * installs comes from the model's own files (MLmodel's `mlflow_version`, `requirements.txt`,
 * `python_env.yaml`), each requirement checked to be a plain one.
 */
import { cp, lstat, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeployError } from "../errors";
import type { ModalConfig } from "../types";
import {
  MODAL_APP_FILE,
  MODAL_APP_TEMPLATE,
  MODAL_MODEL_DIR,
  MODAL_SPEC_FILE,
  buildModalAppSpec,
  type ModalAppSpec,
  type ModelFacts,
} from "./modal-app";

export interface StagedModalApp {
  dir: string;
  appFile: string;
  specFile: string;
  modelDir: string;
  spec: ModalAppSpec;
}

/**
 * A name, optional extras, optional version specifiers, optional environment marker: what pip takes as
 * a package argument. Options (`-r`, `--index-url`), URLs and paths are refused: they would reach pip
 * in the image build, and the model's files are not trusted to choose where code comes from.
 */
const SPECIFIER = String.raw`(?:===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+`;
const REQUIREMENT = new RegExp(
  String.raw`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\s*\[[A-Za-z0-9._,\s-]*\])?` +
    String.raw`(?:\s*${SPECIFIER}(?:\s*,\s*${SPECIFIER})*)?` +
    String.raw`(?:\s*;\s*[A-Za-z0-9_.'"<>=!~ ()-]+)?$`,
);
const VERSION = /^\d+(\.\d+)*([a-zA-Z0-9.+-]*)$/;
const isMlflow = (requirement: string) => /^mlflow(\s*\[[^\]]*\])?\s*([<>=!~;]|$)/i.test(requirement);

/** The model's requirements (comments and blank lines dropped, MLflow itself left out: the image pins it). */
export function parseRequirements(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) return;
    if (!REQUIREMENT.test(line)) {
      throw new DeployError(
        "INVALID_PARAMETER_VALUE",
        `The model's requirements.txt line ${index + 1} is not a plain requirement: ${JSON.stringify(raw.slice(0, 200))}.`,
        {
          hint: "The Modal image installs only name[extras] with version specifiers; options, URLs and paths are refused. Log the model with plain pip requirements.",
        },
      );
    }
    if (!isMlflow(line)) out.push(line);
  });
  return out;
}

/** `mlflow_version` of an MLmodel file. */
export function mlflowVersionOf(mlmodel: string): string | undefined {
  const match = /^mlflow_version:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(mlmodel);
  return match?.[1];
}

/** `major.minor` of `python:` in python_env.yaml. */
export function pythonVersionOf(pythonEnv: string): string | null {
  const match = /^python:\s*['"]?(3\.\d+)(\.\d+)?['"]?\s*$/m.exec(pythonEnv);
  return match?.[1] ?? null;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** What the image needs from the model's own files. */
export async function readModelFacts(modelDir: string): Promise<ModelFacts> {
  const mlmodel = await readOptional(path.join(modelDir, "MLmodel"));
  if (mlmodel === undefined) {
    throw new DeployError("RESOURCE_DOES_NOT_EXIST", `There is no MLmodel file in ${modelDir}.`);
  }
  const mlflowVersion = mlflowVersionOf(mlmodel);
  if (!mlflowVersion || !VERSION.test(mlflowVersion)) {
    throw new DeployError(
      "INVALID_PARAMETER_VALUE",
      `The model's MLmodel has ${mlflowVersion ? `an unusable mlflow_version ${JSON.stringify(mlflowVersion)}` : "no mlflow_version"}: the Modal image cannot pin the MLflow that serves it.`,
      { hint: "Log the model again with MLflow (mlflow.<flavor>.log_model writes mlflow_version)." },
    );
  }
  const requirements = parseRequirements((await readOptional(path.join(modelDir, "requirements.txt"))) ?? "");
  const pythonEnv = await readOptional(path.join(modelDir, "python_env.yaml"));
  return { mlflowVersion, pythonVersion: pythonEnv === undefined ? null : pythonVersionOf(pythonEnv), requirements };
}

/** Copies the model, refusing symbolic links (a link could carry files from outside it into the image). */
async function copyModel(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    errorOnExist: true,
    filter: async (source) => {
      if ((await lstat(source)).isSymbolicLink()) {
        throw new DeployError(
          "INVALID_PARAMETER_VALUE",
          `Refusing model file ${JSON.stringify(path.relative(from, source))}: it is a symbolic link.`,
        );
      }
      return true;
    },
  });
}

/** Writes `<workDir>/modal/{app.py, deploy.json, model/}` afresh. */
export async function stageModalApp(options: {
  workDir: string;
  modelDir: string;
  appName: string;
  config: ModalConfig;
}): Promise<StagedModalApp> {
  const dir = path.join(path.resolve(options.workDir), "modal");
  const modelDir = path.join(dir, MODAL_MODEL_DIR);
  const facts = await readModelFacts(options.modelDir);
  const spec = buildModalAppSpec(options.appName, options.config, facts);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await copyModel(path.resolve(options.modelDir), modelDir);
  const appFile = path.join(dir, MODAL_APP_FILE);
  const specFile = path.join(dir, MODAL_SPEC_FILE);
  await writeFile(specFile, `${JSON.stringify(spec, null, 2)}\n`, "utf8");
  await writeFile(appFile, MODAL_APP_TEMPLATE, "utf8");
  return { dir, appFile, specFile, modelDir, spec };
}
