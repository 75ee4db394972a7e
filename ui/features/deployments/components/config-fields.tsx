"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ConfigField, ConfigFormValues } from "../config-form";

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:outline-none";

/** One input per schema field, its help text under it and its error (client or server) under that. */
export function ConfigFields({
  fields,
  values,
  errors,
  onChange,
  idPrefix,
}: {
  fields: readonly ConfigField[];
  values: ConfigFormValues;
  errors: Record<string, string>;
  onChange: (key: string, value: string) => void;
  idPrefix: string;
}) {
  return (
    <div className="grid gap-3">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.key}`;
        const error = errors[field.key];
        const value = values[field.key] ?? "";
        const describedBy = `${id}-help${error ? ` ${id}-error` : ""}`;
        return (
          <div key={field.key} className="grid gap-1" data-testid={`config-field-${field.key}`}>
            <Label htmlFor={id}>
              {field.path.length > 1 ? `${field.path.slice(0, -1).map(titleOf).join(" › ")} › ` : ""}
              {field.label}
              {field.required ? <span className="text-destructive"> *</span> : null}
            </Label>
            {field.kind === "enum" || field.kind === "boolean" ? (
              <select
                id={id}
                className={selectClass}
                value={value}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                onChange={(e) => onChange(field.key, e.target.value)}
              >
                {field.required && field.defaultValue !== "" ? null : <option value="">(none)</option>}
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <Input
                id={id}
                value={value}
                inputMode={field.kind === "number" ? "decimal" : undefined}
                placeholder={field.kind === "number" && field.min !== null ? rangeText(field) : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => onChange(field.key, e.target.value)}
              />
            )}
            <p id={`${id}-help`} className="text-xs text-muted-foreground">
              {field.help}
              {field.kind === "number" && field.min !== null ? ` (${rangeText(field)})` : ""}
            </p>
            {error ? (
              <p id={`${id}-error`} className="text-xs text-destructive" role="alert" data-testid="config-field-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

const titleOf = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function rangeText(field: ConfigField): string {
  const kind = field.integer ? "whole number" : "number";
  if (field.min !== null && field.max !== null) return `${kind} ${field.min}–${field.max}`;
  return field.min !== null ? `${kind} ≥ ${field.min}` : kind;
}
