/**
 * Params from a tracked function's arguments. Compiled JavaScript keeps no parameter names, so
 * positional arguments take the names given in `params` (else `arg0`, `arg1`, ...); a lone
 * plain-object argument, with no names given, is the function's options and its keys become the
 * params. Nested plain objects flatten into dotted names (`optimizer.lr`). Scalars become params;
 * what a param cannot hold (long text, large arrays, class instances, bad names) goes into the
 * inputs JSON artifact instead, so nothing is cut silently.
 */
import { isValidKey, PARAM_VALUE_LIMIT } from "./keys";

/** Deeper objects are kept whole in the artifact rather than flattened further. */
const MAX_DEPTH = 5;
/** More params than this from one call go to the artifact: a params table of thousands helps no one. */
export const MAX_INPUT_PARAMS = 200;
/** Arrays of scalars up to this JSON length are one param (`[64,32]`); longer ones go to the artifact. */
const MAX_ARRAY_PARAM_LENGTH = 250;

export interface CapturedInputs {
  params: Record<string, string>;
  /** Values kept out of the params, by their (dotted) name; undefined when there are none. */
  rest: Record<string, unknown> | undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A scalar as MLflow stores params (strings); undefined when the value is not a scalar. */
export function scalarText(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
  }
  if (value === null) return "null";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  return undefined;
}

export function captureInputs(args: readonly unknown[], names: readonly string[] | undefined): CapturedInputs {
  const params: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  let count = 0;

  const keep = (name: string, value: unknown) => {
    rest[name] = value;
  };

  const visit = (name: string, value: unknown, depth: number): void => {
    if (value === undefined || typeof value === "function" || typeof value === "symbol") return;
    const text = scalarText(value);
    if (text !== undefined) {
      if (count < MAX_INPUT_PARAMS && text.length <= PARAM_VALUE_LIMIT && isValidKey(name)) {
        params[name] = text;
        count++;
      } else keep(name, value);
      return;
    }
    if (Array.isArray(value)) {
      const json = value.every((item) => scalarText(item) !== undefined) ? safeArrayJson(value) : undefined;
      if (json !== undefined && json.length <= MAX_ARRAY_PARAM_LENGTH && count < MAX_INPUT_PARAMS && isValidKey(name)) {
        params[name] = json;
        count++;
      } else keep(name, value);
      return;
    }
    if (isPlainObject(value) && depth < MAX_DEPTH) {
      for (const [key, field] of Object.entries(value)) visit(name ? `${name}.${key}` : key, field, depth + 1);
      return;
    }
    keep(name, value);
  };

  const named = names !== undefined && names.length > 0;
  if (!named && args.length === 1 && isPlainObject(args[0])) {
    visit("", args[0], 0);
  } else {
    args.forEach((arg, i) => visit((named ? names[i] : undefined) ?? `arg${i}`, arg, 0));
  }
  return { params, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

function safeArrayJson(items: readonly unknown[]): string | undefined {
  try {
    return JSON.stringify(items.map((item) => (typeof item === "bigint" ? item.toString() : item)));
  } catch {
    return undefined;
  }
}
