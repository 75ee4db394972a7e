/** Pure helpers of the deployment record: bounded event list, request parsing with field errors. */
import type { z } from "zod";
import { DeployError } from "./errors";
import { DeployRequest, type DeploymentError, type DeploymentEvent } from "./types";

/** Events kept per record (the newest); a record is one MLflow tag value, at most 100,000 characters. */
export const MAX_EVENTS = 100;
export const MAX_EVENT_MESSAGE = 2_000;
/** lastError keeps the END of a long message (a log tail's last lines say what went wrong). */
export const MAX_ERROR_MESSAGE = 8_000;

export function appendEvent(
  events: readonly DeploymentEvent[],
  event: DeploymentEvent,
  max = MAX_EVENTS,
): DeploymentEvent[] {
  const message =
    event.message.length > MAX_EVENT_MESSAGE ? `${event.message.slice(0, MAX_EVENT_MESSAGE - 1)}…` : event.message;
  const out = [...events, { ...event, message }];
  return out.length > max ? out.slice(out.length - max) : out;
}

export function toDeploymentError(err: unknown): DeploymentError {
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.length > MAX_ERROR_MESSAGE ? `…${raw.slice(raw.length - MAX_ERROR_MESSAGE + 1)}` : raw;
  const hint = err instanceof DeployError ? err.hint : undefined;
  return hint === undefined ? { message } : { message, hint };
}

/** Each bad field of a zod error (`config.timeoutSeconds`) with its message; unknown keys named one by one. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].map(String).join(".")] ??= "Unknown field";
      continue;
    }
    fields[issue.path.map(String).join(".") || "request"] ??= issue.message;
  }
  return fields;
}

/** A deploy request with defaults filled in, or DeployError INVALID_PARAMETER_VALUE naming every bad field. */
export function parseDeployRequest(input: unknown): DeployRequest {
  const parsed = DeployRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  const list = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  throw new DeployError("INVALID_PARAMETER_VALUE", `Invalid deploy request: ${list}`, { fields });
}
