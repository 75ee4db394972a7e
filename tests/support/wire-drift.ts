/**
 * Finds fields in a raw MLflow response that a wire schema does not model: the check that keeps the
 * zod schemas honest as MLflow evolves (the client itself ignores unknown fields on purpose).
 */
import type { z } from "zod";

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export function unmodeledFields(schema: z.ZodType, value: unknown, at = "$"): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
      return value === undefined || value === null ? [] : unmodeledFields(def.innerType as z.ZodType, value, at);
    case "pipe":
      return unmodeledFields(def.in as z.ZodType, value, at);
    case "array":
      return Array.isArray(value)
        ? value.flatMap((item, i) => unmodeledFields(def.element as z.ZodType, item, `${at}[${i}]`))
        : [];
    case "record":
      return isObject(value)
        ? Object.entries(value).flatMap(([k, v]) => unmodeledFields(def.valueType as z.ZodType, v, `${at}.${k}`))
        : [];
    case "union": {
      const candidates = (def.options as z.ZodType[]).map((option) => unmodeledFields(option, value, at));
      return candidates.reduce((best, next) => (next.length < best.length ? next : best));
    }
    case "object": {
      if (!isObject(value)) return [];
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(value).flatMap(([key, child]) =>
        key in shape ? unmodeledFields(shape[key] as z.ZodType, child, `${at}.${key}`) : [`${at}.${key}`],
      );
    }
    default:
      return [];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
