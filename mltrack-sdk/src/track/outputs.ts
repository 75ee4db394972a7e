/**
 * What a tracked function returned: its numeric fields become metrics (dotted names for nested plain
 * objects, `output` for a bare number), everything else goes into the output JSON artifact. Arrays are
 * never spread into metrics (a vector of predictions is data, not a metric).
 */
import { isPlainObject } from "./inputs";
import { isValidKey } from "./keys";

const MAX_DEPTH = 5;
export const MAX_OUTPUT_METRICS = 1000;
/** The metric a function returning a bare number logs. */
export const OUTPUT_METRIC = "output";

export interface CapturedOutput {
  metrics: Record<string, number>;
  /** The value without the fields that became metrics; undefined when nothing is left. */
  rest: unknown;
}

export function captureOutput(value: unknown): CapturedOutput {
  const metrics: Record<string, number> = {};
  if (value === undefined) return { metrics, rest: undefined };
  if (typeof value === "number") return { metrics: { [OUTPUT_METRIC]: value }, rest: undefined };
  if (!isPlainObject(value)) return { metrics, rest: value };
  let count = 0;

  const strip = (obj: Record<string, unknown>, prefix: string, depth: number): Record<string, unknown> => {
    const left: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(obj)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof field === "number" && count < MAX_OUTPUT_METRICS && isValidKey(name)) {
        metrics[name] = field;
        count++;
      } else if (isPlainObject(field) && depth < MAX_DEPTH) {
        const inner = strip(field, name, depth + 1);
        if (Object.keys(inner).length > 0) left[key] = inner;
      } else if (field !== undefined) {
        left[key] = field;
      }
    }
    return left;
  };

  const left = strip(value, "", 0);
  return { metrics, rest: Object.keys(left).length > 0 ? left : undefined };
}
