/**
 * A registered model version's files, through MLflow's artifact proxy: where they are
 * (`get-download-uri`), whether they are a model (`MLmodel` at the root), and a local copy.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { proxyPathOf, type MlflowClient } from "../mlflow/client";
import { endpoints } from "../mlflow/endpoints";
import { MlflowBadRequestError, MlflowNotFoundError } from "../mlflow/errors";
import { checkArtifactPath } from "../mlflow/artifact-path";
import { DeployError } from "./errors";

export interface VersionRef {
  name: string;
  version: string;
}

export interface ModelLocation {
  /** The version's artifact URI, as MLflow reports it (`mlflow-artifacts:/1/models/m-.../artifacts`). */
  artifactUri: string;
  /** The same, as a path of the artifact proxy. */
  proxyPath: string;
}

const describe = (ref: VersionRef) => `version ${ref.version} of registered model ${JSON.stringify(ref.name)}`;

/** Where the version's files are; DeployError when the version does not exist or its files are not proxied. */
export async function locateModelVersion(
  mlflow: MlflowClient,
  ref: VersionRef,
  signal?: AbortSignal,
): Promise<ModelLocation> {
  let artifactUri: string;
  try {
    artifactUri = await mlflow.modelVersions.getDownloadUri(ref, signal ? { signal } : {});
  } catch (err) {
    if (err instanceof MlflowNotFoundError) {
      throw new DeployError("RESOURCE_DOES_NOT_EXIST", `There is no ${describe(ref)}.`, { cause: err });
    }
    throw err;
  }
  try {
    return { artifactUri, proxyPath: proxyPathOf(artifactUri) };
  } catch (err) {
    if (err instanceof MlflowBadRequestError) {
      throw new DeployError(
        "INVALID_PARAMETER_VALUE",
        `The files of ${describe(ref)} are at ${artifactUri}: ${err.message}`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
}

/** Throws DeployError RESOURCE_DOES_NOT_EXIST, naming the version and its artifact URI, when `MLmodel` is not at its root. */
export async function assertHasMlmodel(
  mlflow: MlflowClient,
  ref: VersionRef,
  signal?: AbortSignal,
): Promise<ModelLocation> {
  const location = await locateModelVersion(mlflow, ref, signal);
  const root = await mlflow.artifactProxy.list({ path: location.proxyPath }, signal ? { signal } : {});
  const names = root.map((f) => path.posix.basename(f.path));
  if (!root.some((f) => !f.isDir && path.posix.basename(f.path) === "MLmodel")) {
    const found = names.length
      ? `it holds ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", ..." : ""}`
      : "it is empty";
    throw new DeployError(
      "RESOURCE_DOES_NOT_EXIST",
      `${capitalize(describe(ref))} is not an MLflow model: there is no MLmodel file at its artifact root ${location.artifactUri} (${found}).`,
      {
        hint: "Log the model with mlflow.<flavor>.log_model (for example mlflow.sklearn.log_model), which writes MLmodel, and register that logged model as a new version.",
      },
    );
  }
  return location;
}

/** Downloads every file under the version's artifact root into `dir` (created); returns the number of files. */
export async function downloadModelVersion(
  mlflow: MlflowClient,
  location: ModelLocation,
  dir: string,
  signal?: AbortSignal,
): Promise<number> {
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  let count = 0;
  const walk = async (relative: string): Promise<void> => {
    const listed = await mlflow.artifactProxy.list(
      { path: relative ? `${location.proxyPath}/${relative}` : location.proxyPath },
      signal ? { signal } : {},
    );
    for (const item of listed) {
      const name = path.posix.basename(item.path);
      const rel = relative ? `${relative}/${name}` : name;
      const check = checkArtifactPath(rel);
      const local = path.resolve(target, ...rel.split("/"));
      if (!check.ok || !local.startsWith(target + path.sep)) {
        throw new DeployError(
          "INVALID_PARAMETER_VALUE",
          `Refusing model file ${JSON.stringify(rel)}: ${check.ok ? "it leaves the model folder" : check.reason}.`,
        );
      }
      if (item.isDir) {
        await mkdir(local, { recursive: true });
        await walk(rel);
        continue;
      }
      const res = await mlflow.raw(endpoints.artifactProxy.download, {
        pathParams: { artifact_path: `${location.proxyPath}/${rel}` },
        ...(signal ? { signal } : {}),
      });
      await mkdir(path.dirname(local), { recursive: true });
      if (res.body) {
        await pipeline(
          Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
          createWriteStream(local),
          signal ? { signal } : {},
        );
      } else {
        await pipeline(Readable.from([]), createWriteStream(local));
      }
      count++;
    }
  };
  await walk("");
  return count;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
