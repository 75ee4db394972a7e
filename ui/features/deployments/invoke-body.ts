/**
 * Test-invoke bodies in MLflow's scoring contract (`dataframe_split`, `inputs`), built from a model's
 * signature when it has no saved serving input example.
 */

export interface SignatureInput {
  name: string | null;
  /** MLflow's type text: `double`, `long`, `string`, `tensor<float32>`, `array<double>`. */
  type: string;
  /** `(-1, 4)` for tensors. */
  shape: string | null;
}

/** A placeholder value of an MLflow column type. */
export function placeholderOf(type: string): unknown {
  if (/^(double|float|long|integer|int|number)$/.test(type)) return 0;
  if (type === "boolean") return false;
  if (type === "datetime") return "1970-01-01T00:00:00";
  if (type.startsWith("array<")) return [];
  if (type.startsWith("object{") || type.startsWith("map<")) return {};
  return "";
}

/** `(-1, 4)` → [1, 4]: one row, fixed dimensions kept. */
function rowShape(shape: string | null): number[] {
  const dims = (shape ?? "")
    .replace(/[()\s]/g, "")
    .split(",")
    .filter(Boolean)
    .map(Number);
  return dims.length === 0 ? [1] : dims.map((d, i) => (i === 0 || !Number.isInteger(d) || d < 1 ? 1 : Math.min(d, 64)));
}

function tensorOf(dims: number[], value: number): unknown {
  const [first, ...rest] = dims;
  return Array.from({ length: first ?? 1 }, () => (rest.length ? tensorOf(rest, value) : value));
}

/** One row as the scoring server takes it; null when the signature has no inputs. */
export function bodyFromSignature(inputs: readonly SignatureInput[] | null): string | null {
  if (!inputs || inputs.length === 0) return null;
  const tensor = inputs.find((i) => i.type.startsWith("tensor<"));
  if (tensor && inputs.length === 1) {
    return JSON.stringify({ inputs: tensorOf(rowShape(tensor.shape), 0) }, null, 2);
  }
  if (inputs.every((i) => i.name !== null)) {
    return JSON.stringify(
      { dataframe_split: { columns: inputs.map((i) => i.name), data: [inputs.map((i) => placeholderOf(i.type))] } },
      null,
      2,
    );
  }
  return JSON.stringify({ inputs: [inputs.map((i) => placeholderOf(i.type))] }, null, 2);
}

/** Pretty JSON when the text is JSON, else the text as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
