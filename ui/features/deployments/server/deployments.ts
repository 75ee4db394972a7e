/** What the deployment routes do, between `withRoute` and the engine. */
import "server-only";
import type { DeployRequestInput, Deployment } from "mltrack-sdk/deploy-config";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { Session } from "@/lib/auth";
import { readBodyBytes } from "@/lib/http/body";
import {
  INVOKE_LATENCY_HEADER,
  INVOKE_MAX_BODY_BYTES,
  INVOKE_UPSTREAM_HEADER,
  INVOKE_UPSTREAM_TYPE_HEADER,
  type RunModelVersions,
} from "../schemas";
import { deployEngine } from "./engine";
import { recordInvoke } from "./invoke-stats-store";

/**
 * Hands the request to the engine, which validates it field by field (DeployError with `fields` such
 * as `config.region`: a 400 showing each under its input), checks the version and preflights the
 * target before any record exists, then answers with the record at once and works on in the
 * background. The same request twice (a double click) yields the same deployment.
 */
export async function createDeployment(session: Session, body: unknown): Promise<Deployment> {
  const engine = await deployEngine(session);
  return engine.deploy(body as DeployRequestInput, { requestedBy: session.user.name, wait: false });
}

/** Registered versions whose source is this run (`run_id='<id>'`; the id is checked to be a plain word). */
export async function runModelVersions(mlflow: MlflowClient, runId: string): Promise<RunModelVersions> {
  const versions: RunModelVersions["versions"] = [];
  for await (const v of mlflow.modelVersions.searchAll({ filter: `run_id='${runId}'`, maxResults: 200 })) {
    versions.push({ name: v.name, version: v.version, status: v.status });
    if (versions.length >= 200) break;
  }
  return { versions };
}

/**
 * A test call to the deployment's scoring server. The scoring server's status and body pass through
 * (a 400 from the model stays a 400) with MLTrack's headers saying so; the body is served as JSON or
 * plain text only, never as the upstream type (no HTML from a model renders on MLTrack's origin).
 */
export async function invokeDeployment(session: Session, id: string, req: Request): Promise<Response> {
  const engine = await deployEngine(session);
  const body = new TextDecoder().decode(await readBodyBytes(req, INVOKE_MAX_BODY_BYTES));
  const contentType = req.headers.get("content-type")?.split(";")[0]?.trim() || "application/json";
  const started = performance.now();
  let answer;
  try {
    answer = await engine.invoke(id, { body, contentType, signal: req.signal });
  } catch (err) {
    recordInvoke(id, { latencyMs: performance.now() - started, error: true });
    throw err;
  }
  const latencyMs = performance.now() - started;
  recordInvoke(id, { latencyMs, error: answer.status >= 400 });
  const json = /^application\/(.+\+)?json\b/i.test(answer.contentType);
  return new Response(answer.body, {
    status: answer.status >= 200 && answer.status <= 599 ? answer.status : 502,
    headers: {
      "content-type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      [INVOKE_UPSTREAM_HEADER]: String(answer.status),
      [INVOKE_UPSTREAM_TYPE_HEADER]: answer.contentType.replace(/[^\x20-\x7e]/g, "").slice(0, 200),
      [INVOKE_LATENCY_HEADER]: latencyMs.toFixed(2),
    },
  });
}
