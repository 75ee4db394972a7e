/**
 * The model tarball SageMaker downloads: a gzip'd tar of the model folder with its files at the
 * archive ROOT (`MLmodel`, not `model/MLmodel`), as MLflow builds it; the container unpacks it into
 * /opt/ml/model and serves that folder.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { create, list } from "tar";
import { DeployError } from "../errors";

export interface ModelTarball {
  file: string;
  bytes: number;
}

/** Writes `<outDir>/<name>` from the files of `modelDir`; `modelDir` must hold an `MLmodel`. */
export async function createModelTarball(
  modelDir: string,
  outDir: string,
  name = "model.tar.gz",
): Promise<ModelTarball> {
  const dir = path.resolve(modelDir);
  if (!existsSync(path.join(dir, "MLmodel"))) {
    throw new DeployError("RESOURCE_DOES_NOT_EXIST", `The model folder ${dir} has no MLmodel file.`, {
      hint: "Deploy a model version logged with an MLflow flavor (mlflow.<flavor>.log_model).",
    });
  }
  if (path.basename(name) !== name) throw new Error(`Not a file name: ${name}`);
  await mkdir(outDir, { recursive: true });
  const file = path.join(path.resolve(outDir), name);
  const entries = (await readdir(dir)).sort();
  // portable: no owner names or uids; entries relative to the folder, so they sit at the root.
  await create({ gzip: true, file, cwd: dir, portable: true }, entries);
  return { file, bytes: (await stat(file)).size };
}

/** The paths inside a tarball (file or gzip'd bytes on disk), as stored: for checks and tests. */
export async function listTarball(file: string): Promise<string[]> {
  const paths: string[] = [];
  await list({ file, onReadEntry: (entry) => void paths.push(entry.path) });
  return paths;
}
