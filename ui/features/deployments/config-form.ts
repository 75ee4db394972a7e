/**
 * The deploy dialog's fields, read from the target's zod config schema (one source of truth: the
 * same schema validates in the browser, in the route and in the engine), and the way back from the
 * form's text inputs to a config object.
 */
import { z } from "zod";

export type ConfigFieldKind = "number" | "string" | "enum" | "boolean";

export interface ConfigField {
  /** Path inside the config: `["instanceType"]`, `["canary", "weight"]`. */
  path: string[];
  /** Dotted path, the form's key and the key of field errors (`config.` prefix left off). */
  key: string;
  label: string;
  kind: ConfigFieldKind;
  /** The schema's `.describe()` text. */
  help: string;
  required: boolean;
  /** The schema's default as the input shows it; "" when there is none. */
  defaultValue: string;
  options: readonly string[];
  min: number | null;
  max: number | null;
  integer: boolean;
}

export type ConfigFormValues = Record<string, string>;

type AnySchema = z.core.$ZodType;

interface Unwrapped {
  inner: AnySchema;
  optional: boolean;
  defaultValue: unknown;
  description: string | undefined;
}

function describedAs(schema: AnySchema): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

/** Peels `.optional()`, `.default()` and `.nullable()` off, keeping the outermost description. */
function unwrap(schema: AnySchema): Unwrapped {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown = undefined;
  let description = describedAs(schema);
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      optional = true;
      inner = inner.unwrap() as AnySchema;
    } else if (inner instanceof z.ZodDefault) {
      optional = true;
      defaultValue = (inner.def as { defaultValue: unknown }).defaultValue;
      inner = inner.unwrap() as AnySchema;
    } else break;
    description ??= describedAs(inner);
  }
  return { inner, optional, defaultValue, description };
}

/** "instanceCount" → "Instance count". */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const fieldText = (value: unknown): string =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : String(value);

/** Every field of a target's config object, nested objects flattened with dotted keys. */
export function configFields(schema: AnySchema, prefix: string[] = []): ConfigField[] {
  const object = unwrap(schema).inner;
  if (!(object instanceof z.ZodObject)) throw new Error("A deploy config schema must be a zod object");
  const fields: ConfigField[] = [];
  for (const [name, member] of Object.entries(object.shape as Record<string, AnySchema>)) {
    const path = [...prefix, name];
    const { inner, optional, defaultValue, description } = unwrap(member);
    if (inner instanceof z.ZodObject) {
      fields.push(...configFields(inner, path).map((f) => ({ ...f, required: f.required && !optional })));
      continue;
    }
    const base = {
      path,
      key: path.join("."),
      label: labelOf(name),
      help: description ?? "",
      required: !optional,
      defaultValue: fieldText(defaultValue),
      options: [] as readonly string[],
      min: null as number | null,
      max: null as number | null,
      integer: false,
    };
    if (inner instanceof z.ZodNumber) {
      const min = inner.minValue;
      const max = inner.maxValue;
      fields.push({
        ...base,
        kind: "number",
        min: min !== null && Number.isFinite(min) ? min : null,
        max: max !== null && Number.isFinite(max) ? max : null,
        integer: inner.isInt,
      });
    } else if (inner instanceof z.ZodEnum) {
      fields.push({ ...base, kind: "enum", options: inner.options.map(String) });
    } else if (inner instanceof z.ZodBoolean) {
      fields.push({ ...base, kind: "boolean", options: ["true", "false"] });
    } else {
      fields.push({ ...base, kind: "string" });
    }
  }
  return fields;
}

/** The form's starting values: each field's default, or empty. */
export function initialValues(fields: readonly ConfigField[]): ConfigFormValues {
  return Object.fromEntries(fields.map((f) => [f.key, f.defaultValue]));
}

/**
 * The config the form's values stand for. An empty input is left out (so the schema's default or
 * optionality applies); a number input that is not a number stays text, so the schema names the field.
 */
export function formToConfig(fields: readonly ConfigField[], values: ConfigFormValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = (values[field.key] ?? "").trim();
    if (raw === "") continue;
    let value: unknown = raw;
    if (field.kind === "number") {
      const n = Number(raw);
      value = Number.isFinite(n) ? n : raw;
    } else if (field.kind === "boolean") {
      value = raw === "true";
    }
    let node = config;
    for (const part of field.path.slice(0, -1)) {
      const next = node[part];
      node = (typeof next === "object" && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
    }
    node[field.path[field.path.length - 1] as string] = value;
  }
  return config;
}

/** Field errors keyed by dotted path (`region`, `canary.weight`; `""` for the object itself). */
export function fieldErrorsOf(error: z.core.$ZodError, strip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    let path = issue.path.map(String);
    if (strip.length > 0 && strip.every((p, i) => path[i] === p)) path = path.slice(strip.length);
    const key = path.join(".");
    out[key] ??= issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : issue.message;
  }
  return out;
}

/** Validates the form against the schema: the config to send, or the field errors to show. */
export function validateConfigForm(
  schema: AnySchema,
  fields: readonly ConfigField[],
  values: ConfigFormValues,
): { ok: true; config: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const config = formToConfig(fields, values);
  const result = z.safeParse(schema, config);
  return result.success ? { ok: true, config } : { ok: false, errors: fieldErrorsOf(result.error) };
}
