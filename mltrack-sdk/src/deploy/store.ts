/**
 * Deployment records live in MLflow itself: one registered-model tag `mltrack.deployment.<id>` per
 * deployment, its value the record as JSON. Every UI instance sees them and they survive restarts.
 */
import type { MlflowClient } from "../mlflow/client";
import { MLTRACK_TAGS } from "../mlflow/tags";
import { MlflowNotFoundError } from "../mlflow/errors";
import type { TagMap } from "../mlflow/types";
import { DeployError } from "./errors";
import { Deployment } from "./types";

export const DEPLOYMENT_TAG_PREFIX = MLTRACK_TAGS.deploymentPrefix;

export const deploymentTagKey = (id: string): string => `${DEPLOYMENT_TAG_PREFIX}${id}`;

export type Warn = (message: string) => void;

/**
 * The records among a registered model's tags. A tag that is not a valid record (bad JSON, a field
 * missing, its id or model not matching where it is stored) is skipped with a warning.
 */
export function parseDeploymentTags(modelName: string, tags: TagMap, warn: Warn): Deployment[] {
  const out: Deployment[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!key.startsWith(DEPLOYMENT_TAG_PREFIX)) continue;
    const where = `tag ${key} of registered model ${JSON.stringify(modelName)}`;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      warn(`Skipping ${where}: not JSON.`);
      continue;
    }
    const parsed = Deployment.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      warn(
        `Skipping ${where}: not a deployment record (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}).`,
      );
      continue;
    }
    if (deploymentTagKey(parsed.data.id) !== key || parsed.data.modelName !== modelName) {
      warn(`Skipping ${where}: it holds deployment ${parsed.data.id} of ${JSON.stringify(parsed.data.modelName)}.`);
      continue;
    }
    out.push(parsed.data);
  }
  return out;
}

export const newestFirst = (a: Deployment, b: Deployment): number =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

export class DeploymentStore {
  /** id -> registered model holding it, learned from saves and listings. */
  private readonly modelOf = new Map<string, string>();

  constructor(
    private readonly mlflow: MlflowClient,
    private readonly warn: Warn = (message) => console.warn(`mltrack deploy: ${message}`),
  ) {}

  async save(deployment: Deployment): Promise<void> {
    await this.mlflow.registeredModels.setTag({
      name: deployment.modelName,
      key: deploymentTagKey(deployment.id),
      value: JSON.stringify(deployment),
    });
    this.modelOf.set(deployment.id, deployment.modelName);
  }

  /** Every record (or one registered model's), newest first. */
  async list(filter: { modelName?: string } = {}): Promise<Deployment[]> {
    const out: Deployment[] = [];
    if (filter.modelName !== undefined) {
      out.push(...(await this.ofModel(filter.modelName)));
    } else {
      for await (const model of this.mlflow.registeredModels.searchAll({})) {
        out.push(...this.remember(parseDeploymentTags(model.name, model.tags, this.warn)));
      }
    }
    return out.sort(newestFirst);
  }

  async get(id: string): Promise<Deployment> {
    const known = this.modelOf.get(id);
    if (known !== undefined) {
      const found = (await this.ofModel(known)).find((d) => d.id === id);
      if (found) return found;
    }
    const found = (await this.list()).find((d) => d.id === id);
    if (!found) throw new DeployError("RESOURCE_DOES_NOT_EXIST", `No deployment ${JSON.stringify(id)}.`);
    return found;
  }

  private async ofModel(name: string): Promise<Deployment[]> {
    try {
      const model = await this.mlflow.registeredModels.get({ name });
      return this.remember(parseDeploymentTags(model.name, model.tags, this.warn));
    } catch (err) {
      if (err instanceof MlflowNotFoundError) return [];
      throw err;
    }
  }

  private remember(records: Deployment[]): Deployment[] {
    for (const d of records) this.modelOf.set(d.id, d.modelName);
    return records;
  }
}
