/** What the deployment routes do, between `withRoute` and the engine. */
import "server-only";
import type { Deployment } from "mltrack-sdk/deploy-config";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { Session } from "@/lib/auth";
import type { RunModelVersions } from "../schemas";
import { deploymentsFor } from "./access";

/**
 * Hands the request to the engine, which validates it field by field (DeployError with `fields` such
 * as `config.region`: a 400 showing each under its input), checks the version and preflights the
 * target before any record exists, then answers with the record at once and works on in the
 * background. The same request twice (a double click) yields the same deployment.
 */
export async function createDeployment(session: Session, body: unknown): Promise<Deployment> {
  return (await deploymentsFor(session)).deploy(body);
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
