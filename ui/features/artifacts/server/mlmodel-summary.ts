/**
 * Reads an `MLmodel` file (YAML written by `mlflow.<flavor>.log_model` / `save_model`) into the
 * summary a model card shows: flavors, signature, input example, size and MLflow version. The file
 * is untrusted text: YAML aliases are capped, custom tags stay plain values, and every field is read
 * defensively (a missing or odd field becomes null, never an exception, except YAML that is no mapping).
 */
import "server-only";
import { parse } from "yaml";
import type { ModelFlavor, ModelSummary, SignatureField, SignatureParam } from "../schemas";

export class MlmodelParseError extends Error {
  override readonly name = "MlmodelParseError";
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null;

export function summarizeMlmodel(yamlText: string): ModelSummary {
  let doc: unknown;
  try {
    // Few aliases: a crafted file cannot expand into gigabytes. Unknown tags (`!!python/...`) stay strings.
    doc = parse(yamlText, { maxAliasCount: 100, logLevel: "error" });
  } catch (err) {
    throw new MlmodelParseError(`MLmodel is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isMapping(doc)) throw new MlmodelParseError("MLmodel is not a YAML mapping");

  const flavors = isMapping(doc.flavors) ? Object.entries(doc.flavors).map(([name, v]) => flavorOf(name, v)) : [];
  const pyfunc = isMapping(doc.flavors) && isMapping(doc.flavors.python_function) ? doc.flavors.python_function : {};
  const { signature, signatureError } = signatureOf(doc.signature);
  const example = isMapping(doc.saved_input_example_info) ? doc.saved_input_example_info : null;
  const exampleFile = example ? text(example.artifact_path) : null;
  const size = doc.model_size_bytes;

  return {
    flavors,
    loaderModule: text(pyfunc.loader_module),
    pythonVersion: text(pyfunc.python_version),
    signature,
    signatureError,
    inputExample:
      example && exampleFile
        ? { artifactPath: exampleFile, type: text(example.type), pandasOrient: text(example.pandas_orient) }
        : null,
    mlflowVersion: text(doc.mlflow_version),
    modelSizeBytes: typeof size === "number" && Number.isFinite(size) && size >= 0 ? size : null,
    modelId: text(doc.model_id),
    runId: text(doc.run_id),
    createdAt: text(doc.utc_time_created),
  };
}

function flavorOf(name: string, value: unknown): ModelFlavor {
  const details: { key: string; value: string }[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (!isMapping(node)) return;
    for (const [key, v] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (v === null || v === undefined) continue;
      if (isMapping(v)) walk(v, path);
      else details.push({ key: path, value: text(v) ?? JSON.stringify(v) });
    }
  };
  walk(value, "");
  const version = details.find((d) => d.key === `${name}_version`)?.value ?? null;
  return { name, version, details };
}

/** Signature parts are JSON strings inside the YAML (`inputs: '[{"type": "double", ...}]'`) or null. */
function signatureOf(value: unknown): Pick<ModelSummary, "signature" | "signatureError"> {
  if (!isMapping(value)) return { signature: null, signatureError: null };
  const errors: string[] = [];
  const part = (key: string): Json[] | null => {
    const raw = value[key];
    if (raw === null || raw === undefined || raw === "") return null;
    try {
      const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
      if (Array.isArray(parsed)) return parsed as Json[];
      errors.push(`${key} is not a list`);
    } catch {
      errors.push(`${key} is not valid JSON`);
    }
    return null;
  };
  const inputs = part("inputs");
  const outputs = part("outputs");
  const params = part("params");
  return {
    signature: {
      inputs: inputs?.map(fieldOf) ?? null,
      outputs: outputs?.map(fieldOf) ?? null,
      params: params?.map(paramOf) ?? null,
    },
    signatureError: errors.length ? `The signature's ${errors.join(", ")}` : null,
  };
}

function fieldOf(spec: Json): SignatureField {
  if (!isMapping(spec)) return { name: null, type: JSON.stringify(spec), shape: null, optional: false };
  const tensor = isMapping(spec["tensor-spec"]) ? spec["tensor-spec"] : null;
  return {
    name: text(spec.name),
    type: describeType(spec),
    shape: tensor ? shapeOf(tensor.shape) : null,
    optional: spec.required === false,
  };
}

function paramOf(spec: Json): SignatureParam {
  const m = isMapping(spec) ? spec : {};
  return {
    name: text(m.name) ?? "",
    type: text(m.type) ?? "unknown",
    shape: shapeOf(m.shape),
    default: JSON.stringify(m.default ?? null),
  };
}

/** `(-1, 768)` for a list of dimensions, null when there is none. */
function shapeOf(shape: unknown): string | null {
  if (!Array.isArray(shape)) return null;
  return `(${shape.map((d) => String(d)).join(", ")})`;
}

/** MLflow's column types: `double`, `tensor<float32>`, `array<string>`, `object{a: long}`, `map<string, double>`. */
export function describeType(spec: unknown, depth = 0): string {
  if (typeof spec === "string") return spec;
  if (!isMapping(spec)) return JSON.stringify(spec ?? null);
  if (depth > 5) return "…";
  const type = spec.type;
  if (type === "tensor") {
    const tensor = isMapping(spec["tensor-spec"]) ? spec["tensor-spec"] : {};
    return `tensor<${text(tensor.dtype) ?? "?"}>`;
  }
  if (type === "array") return `array<${describeType(spec.items, depth + 1)}>`;
  if (type === "map") return `map<string, ${describeType(spec.values, depth + 1)}>`;
  if (type === "object" && isMapping(spec.properties)) {
    const props = Object.entries(spec.properties).map(
      ([key, v]) => `${key}${isMapping(v) && v.required === false ? "?" : ""}: ${describeType(v, depth + 1)}`,
    );
    return `object{${props.join(", ")}}`;
  }
  return text(type) ?? JSON.stringify(spec);
}
