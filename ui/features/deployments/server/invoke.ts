/**
 * A test call to a deployment's scoring server, shared by the Next route and the custom server's
 * direct route (the one the UI and the bench call). The scoring server's status and body pass
 * through (a 400 from the model stays a 400) with MLTrack's headers saying so; the body is served as
 * JSON or plain text only, never as the upstream type (no HTML from a model renders on MLTrack's origin).
 */
import "server-only";
import type { Session } from "@/lib/auth";
import type { DirectReply } from "@/lib/http/direct-route";
import { INVOKE_LATENCY_HEADER, INVOKE_UPSTREAM_HEADER, INVOKE_UPSTREAM_TYPE_HEADER } from "../schemas";
import { deploymentsFor } from "./access";
import { recordInvoke } from "./invoke-stats-store";

export interface InvokeCall {
  body: Uint8Array;
  /** The request's Content-Type header; JSON when absent. */
  contentType: string | null;
  signal: AbortSignal;
}

const utf8 = new TextDecoder();

export async function invokeDeployment(session: Session, id: string, call: InvokeCall): Promise<DirectReply> {
  const deployments = await deploymentsFor(session);
  const body = utf8.decode(call.body);
  const contentType = call.contentType?.split(";")[0]?.trim() || "application/json";
  const started = performance.now();
  let answer;
  try {
    answer = await deployments.invoke(id, { body, contentType, signal: call.signal });
  } catch (err) {
    recordInvoke(id, { latencyMs: performance.now() - started, error: true });
    throw err;
  }
  const latencyMs = performance.now() - started;
  recordInvoke(id, { latencyMs, error: answer.status >= 400 });
  const json = /^application\/(.+\+)?json\b/i.test(answer.contentType);
  return {
    status: answer.status >= 200 && answer.status <= 599 ? answer.status : 502,
    headers: {
      "content-type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      [INVOKE_UPSTREAM_HEADER]: String(answer.status),
      [INVOKE_UPSTREAM_TYPE_HEADER]: answer.contentType.replace(/[^\x20-\x7e]/g, "").slice(0, 200),
      [INVOKE_LATENCY_HEADER]: latencyMs.toFixed(2),
    },
    body: answer.body,
  };
}
