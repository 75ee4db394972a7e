/**
 * The Modal app MLTrack deploys: a FIXED Python template, and the JSON file beside it (`deploy.json`)
 * that carries every per-deploy value. No request value is ever part of the Python source.
 *
 * The template is a string constant rather than a `.py` file shipped in dist: the SDK is bundled by
 * tsup (ESM + CJS, split chunks) and again by Next for the UI's server, and a constant cannot go
 * missing or be resolved from the wrong folder in either. The integration test writes it out,
 * `py_compile`s it and imports it with the real `modal` package, so it is checked as Python.
 */
import { createHash } from "node:crypto";
import { ModalAppName, type ModalConfig } from "../types";

/** The app's one web function, serving MLflow's scoring server on this port inside the container. */
export const MODAL_FUNCTION_NAME = "serve";
export const MODAL_SERVING_PORT = 8080;
export const MODAL_APP_FILE = "app.py";
export const MODAL_SPEC_FILE = "deploy.json";
export const MODAL_MODEL_DIR = "model";

export const MODAL_APP_TEMPLATE = `"""MLTrack's Modal app for one registered model version (written by mltrack-sdk; do not edit).

A fixed template: every per-deploy value comes from deploy.json beside this file, which MLTrack
writes; nothing from a request is part of this source. The image bakes the staged MLflow model into
/model, and the one web server function runs MLflow's scoring server (the same /ping and
/invocations contract as MLTrack's local and SageMaker targets) on port ${MODAL_SERVING_PORT}.
"""
import json
import pathlib
import subprocess

import modal

MODEL_PATH = "/model"
PORT = ${MODAL_SERVING_PORT}
# Inside the container the spec comes from the image, where this file's folder is not the staging one.
SPEC_IN_IMAGE = "/mltrack/${MODAL_SPEC_FILE}"

_here = pathlib.Path(__file__).resolve().parent
_spec_path = _here / "${MODAL_SPEC_FILE}" if modal.is_local() else pathlib.Path(SPEC_IN_IMAGE)
spec = json.loads(_spec_path.read_text(encoding="utf-8"))


def serve_argv(model_path, host, port):
    """MLflow's scoring server over the baked model; the model's libraries are in the image already."""
    return [
        "mlflow", "models", "serve",
        "-m", str(model_path),
        "--env-manager", "local",
        "-h", str(host),
        "-p", str(port),
    ]


image = (
    modal.Image.debian_slim(python_version=spec["python_version"])
    .pip_install(f"mlflow=={spec['mlflow_version']}", *spec["requirements"])
    .add_local_file(_here / "${MODAL_SPEC_FILE}", SPEC_IN_IMAGE, copy=True)
    .add_local_dir(_here / "${MODAL_MODEL_DIR}", MODEL_PATH, copy=True)
)

app = modal.App(spec["app_name"])


@app.function(
    image=image,
    cpu=spec["cpu"],
    memory=spec["memory_mb"],
    gpu=spec["gpu"],
    min_containers=spec["min_containers"],
    scaledown_window=spec["scaledown_window_seconds"],
    timeout=spec["function_timeout_seconds"],
)
@modal.web_server(port=PORT, startup_timeout=spec["startup_timeout_seconds"], label=spec["label"])
def ${MODAL_FUNCTION_NAME}():
    subprocess.Popen(serve_argv(MODEL_PATH, "0.0.0.0", PORT))
`;

/** `deploy.json`: what the template reads (snake_case, as Python reads it). */
export interface ModalAppSpec {
  app_name: string;
  /** The web endpoint's label: the URL is `https://<workspace>[-<env>]--<label>.modal.run`. */
  label: string;
  /** `major.minor` of the model's Python (its python_env.yaml); null lets Modal use the deploying Python's. */
  python_version: string | null;
  mlflow_version: string;
  /** The model's own pip requirements (requirements.txt), MLflow itself left out (pinned above). */
  requirements: string[];
  cpu: number;
  memory_mb: number;
  gpu: string | null;
  min_containers: number;
  scaledown_window_seconds: number;
  startup_timeout_seconds: number;
  /** The function's own timeout; it must outlast the wait for the server's port. */
  function_timeout_seconds: number;
}

export interface ModelFacts {
  mlflowVersion: string;
  pythonVersion: string | null;
  requirements: string[];
}

export function buildModalAppSpec(appName: string, config: ModalConfig, model: ModelFacts): ModalAppSpec {
  return {
    app_name: appName,
    label: modalLabel(appName),
    python_version: model.pythonVersion,
    mlflow_version: model.mlflowVersion,
    requirements: model.requirements,
    cpu: config.cpu,
    memory_mb: config.memoryMb,
    gpu: config.gpu ?? null,
    min_containers: config.minContainers,
    scaledown_window_seconds: config.scaledownWindowSeconds,
    startup_timeout_seconds: config.startupTimeoutSeconds,
    function_timeout_seconds: Math.max(300, config.startupTimeoutSeconds + 60),
  };
}

const MAX_APP_NAME = 63;
const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 6);

/**
 * `mltrack-<model>-<version>-<6 hex of the deployment id>` with every character outside `[a-zA-Z0-9_-]`
 * made a dash (runs folded, none at the ends), at most 63 characters. The id part gives each
 * deployment its own app, so stopping one never stops another of the same version. When cleaning
 * changed the model name or it had to be cut, a short hash of the original keeps two different names
 * from meeting in one app.
 */
export function defaultModalAppName(modelName: string, modelVersion: string, deploymentId: string): string {
  const clean = (text: string) => text.replace(/[^a-zA-Z0-9_]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
  const model = clean(modelName);
  const version = clean(modelVersion) || "0";
  const tail = `-${version}-${clean(deploymentId.replace(/^d-/, "")).slice(0, 6) || "0"}`;
  const room = MAX_APP_NAME - "mltrack-".length - tail.length;
  if (model === modelName && model.length > 0 && model.length <= room) return `mltrack-${model}${tail}`;
  const hash = `-${shortHash(modelName)}`;
  const head = (model || "model").slice(0, Math.max(1, room - hash.length)).replace(/[-_]+$/, "");
  return `mltrack-${head}${hash}${tail}`.slice(0, MAX_APP_NAME);
}

/** The configured app name (rejected when not a Modal app name), else the default one. */
export function resolveModalAppName(
  modelName: string,
  modelVersion: string,
  deploymentId: string,
  configured?: string,
): string {
  if (configured === undefined) return defaultModalAppName(modelName, modelVersion, deploymentId);
  const checked = ModalAppName.safeParse(configured);
  if (!checked.success) throw new InvalidAppNameError(configured, checked.error.issues[0]?.message ?? "invalid");
  return configured;
}

export class InvalidAppNameError extends Error {
  constructor(
    readonly appName: string,
    readonly reason: string,
  ) {
    super(`Invalid Modal app name ${JSON.stringify(appName)}: ${reason}`);
  }
}

/** A DNS label for the URL: lowercase letters, digits and dashes, none at the ends, not all digits. */
export function modalLabel(appName: string): string {
  const label = appName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_APP_NAME)
    .replace(/-+$/, "");
  return /^[0-9]*$/.test(label) ? `m-${label || "0"}` : label;
}
