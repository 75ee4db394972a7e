/** The idempotency key of a deploy request: the same target, model, version and config twice is one deployment. */
import { createHash } from "node:crypto";
import type { DeployRequest } from "./types";

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** sha256 over the PARSED request (defaults filled in), so `{}` and the explicit defaults match. */
export function requestKey(request: DeployRequest): string {
  const { target, modelName, modelVersion, config } = request;
  return createHash("sha256").update(canonicalJson({ target, modelName, modelVersion, config })).digest("hex");
}
