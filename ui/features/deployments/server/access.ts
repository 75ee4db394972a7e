/**
 * Team mode: the deploy engine acts with MLTrack's own MLflow account, so a user reaches a deployment
 * only through the registered model it serves: one they can read in MLflow (checked by asking MLflow
 * as them). Deployments of models a user cannot read are left out of their lists and answer 404 by id,
 * as MLflow hides what a user may not read. Local mode has one user and checks nothing.
 */
import "server-only";
import { z } from "zod";
import type { DeployEngine, DeployRequestInput, Deployment } from "mltrack-sdk/deploy";
import { MlflowError } from "mltrack-sdk/mlflow";
import type { Session } from "@/lib/auth";
import { AppError } from "@/lib/http/errors";
import { mlflowFor } from "@/lib/mlflow";
import { deployEngine } from "./engine";

const CACHE_MS = 30_000;
const readable = new Map<string, number>();

/** Whether the session's user can read the registered model in MLflow (their own credentials decide). */
export async function canReadModel(session: Session, modelName: string): Promise<boolean> {
  if (session.mode === "local") return true;
  const key = `${session.user.name}\u0000${modelName}`;
  if ((readable.get(key) ?? 0) > Date.now()) return true;
  try {
    await mlflowFor(session).registeredModels.get({ name: modelName });
  } catch (err) {
    if (err instanceof MlflowError && (err.httpStatus === 403 || err.httpStatus === 404)) return false;
    throw err;
  }
  if (readable.size > 10_000) readable.clear();
  readable.set(key, Date.now() + CACHE_MS);
  return true;
}

function notFound(id: string): never {
  throw new AppError("RESOURCE_DOES_NOT_EXIST", `Deployment ${id} not found`);
}

/** The engine, seen through one session: every call by id checks the deployment's model first. */
export async function deploymentsFor(session: Session) {
  const engine: DeployEngine = await deployEngine();

  async function get(id: string): Promise<Deployment> {
    const deployment = await engine.get(id);
    if (!(await canReadModel(session, deployment.modelName))) notFound(id);
    return deployment;
  }

  return {
    get,
    async list(filter: { modelName?: string }): Promise<Deployment[]> {
      const all = await engine.list(filter);
      const allowed = new Set<string>();
      await Promise.all(
        [...new Set(all.map((d) => d.modelName))].map(async (name) => {
          if (await canReadModel(session, name)) allowed.add(name);
        }),
      );
      return all.filter((d) => allowed.has(d.modelName));
    },
    /**
     * The engine validates the request field by field; first, in team mode, the user must be able to
     * read the model version (MLflow answers 403 or 404 as them otherwise).
     */
    async deploy(body: unknown): Promise<Deployment> {
      const ref = DeployRef.safeParse(body);
      if (session.mode === "team" && ref.success) {
        await mlflowFor(session).modelVersions.get({ name: ref.data.modelName, version: ref.data.modelVersion });
      }
      return engine.deploy(body as DeployRequestInput, { requestedBy: session.user.name, wait: false });
    },
    async undeploy(id: string) {
      await get(id);
      return engine.undeploy(id);
    },
    async redeploy(id: string, modelVersion: string) {
      const deployment = await get(id);
      if (session.mode === "team")
        await mlflowFor(session).modelVersions.get({ name: deployment.modelName, version: modelVersion });
      return engine.redeploy(id, modelVersion);
    },
    async setTrafficWeights(id: string, weights: Parameters<DeployEngine["setTrafficWeights"]>[1]) {
      await get(id);
      return engine.setTrafficWeights(id, weights);
    },
    async logs(id: string) {
      await get(id);
      return engine.logs(id);
    },
    async invoke(id: string, request: Parameters<DeployEngine["invoke"]>[1]) {
      await get(id);
      return engine.invoke(id, request);
    },
  };
}

/** Just enough of a deploy request to check access; the engine parses the whole of it. */
const DeployRef = z.object({ modelName: z.string().min(1), modelVersion: z.string().min(1) });
