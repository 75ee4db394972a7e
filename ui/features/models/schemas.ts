import { z } from "zod";
import { Alias, LIMITS, ModelVersionNumber, RegisteredModelName } from "mltrack-sdk/validation";
import { MAX_MODEL_QUERY_LENGTH } from "./search-params";

const Timestamp = z.number().nullable();
const Tag = z.object({ key: z.string(), value: z.string() }).strict();

/** A latest metric value in JSON: NaN and ±Infinity as MLflow writes them. */
const MetricValue = z.union([z.number(), z.literal("NaN"), z.literal("Infinity"), z.literal("-Infinity")]);

export const ModelVersionSummary = z
  .object({
    version: z.string(),
    status: z.enum(["PENDING_REGISTRATION", "FAILED_REGISTRATION", "READY"]),
    aliases: z.array(z.string()),
    /** Legacy stage (deprecated since MLflow 2.9): shown, never written. */
    stage: z.string(),
    creationTimestamp: Timestamp,
    userId: z.string(),
    description: z.string(),
    source: z.string(),
    runId: z.string(),
    /** The source run's experiment, when the run still exists, for a link to its page. */
    experimentId: z.string().nullable(),
    runName: z.string().nullable(),
    /** The version's tags, deployment records left out. */
    tags: z.array(Tag),
    /** The source run's latest metrics; null without a source run (or when it was deleted). */
    runMetrics: z.array(z.object({ key: z.string(), value: MetricValue }).strict()).nullable(),
  })
  .strict();
export type ModelVersionSummary = z.infer<typeof ModelVersionSummary>;

/** A registered model's page: its description, tags, aliases and versions, newest first. */
export const RegisteredModelDetail = z
  .object({
    name: z.string(),
    description: z.string(),
    creationTimestamp: Timestamp,
    lastUpdatedTimestamp: Timestamp,
    /** Deployment records (`mltrack.deployment.*`) left out. */
    tags: z.array(Tag),
    aliases: z.array(z.object({ alias: z.string(), version: z.string() }).strict()),
    versions: z.array(ModelVersionSummary),
    /** More versions exist than the page lists. */
    versionsTruncated: z.boolean(),
  })
  .strict();
export type RegisteredModelDetail = z.infer<typeof RegisteredModelDetail>;

/** What the models list shows of a registered model. */
export const RegisteredModelSummary = z
  .object({
    name: z.string(),
    /** First line of the description, at most 200 characters. */
    description: z.string(),
    lastUpdatedTimestamp: Timestamp,
    /** MLflow's latest version per (legacy) stage, newest first, each with its aliases. */
    latestVersions: z.array(z.object({ version: z.string(), aliases: z.array(z.string()) }).strict()),
    aliases: z.array(z.object({ alias: z.string(), version: z.string() }).strict()),
    tags: z.array(Tag),
  })
  .strict();
export type RegisteredModelSummary = z.infer<typeof RegisteredModelSummary>;

export const RegisteredModelListQuery = z.object({
  q: z.string().max(MAX_MODEL_QUERY_LENGTH).optional(),
  pageToken: z.string().min(1).max(1000).optional(),
  maxResults: z.coerce.number().int().min(1).max(1000).default(50),
});
export type RegisteredModelListQuery = z.input<typeof RegisteredModelListQuery>;

export const RegisteredModelListPage = z
  .object({
    items: z.array(RegisteredModelSummary),
    /** MLflow's token for the next page, echoed verbatim; absent on the last page. */
    nextPageToken: z.string().optional(),
  })
  .strict();
export type RegisteredModelListPage = z.infer<typeof RegisteredModelListPage>;

/** The name in the query string (a path segment could collide with this API's fixed routes). */
export const RegisteredModelNameQuery = z.object({ name: RegisteredModelName });

/** Points `alias` at `version`; an alias on another version moves. */
export const SetModelAliasBody = z
  .object({ name: RegisteredModelName, alias: Alias, version: ModelVersionNumber })
  .strict();
export type SetModelAliasBody = z.input<typeof SetModelAliasBody>;

export const DeleteModelAliasQuery = z.object({ name: RegisteredModelName, alias: Alias });
export type DeleteModelAliasQuery = z.input<typeof DeleteModelAliasQuery>;

const RegistryTagKey = z.string().min(1).max(LIMITS.registryTagKeyLength);

/** A tag on the registered model, or on one of its versions when `version` is given. */
export const SetRegistryTagBody = z
  .object({
    name: RegisteredModelName,
    version: ModelVersionNumber.optional(),
    key: RegistryTagKey,
    value: z.string().max(LIMITS.registryTagValueLength),
  })
  .strict();
export type SetRegistryTagBody = z.input<typeof SetRegistryTagBody>;

export const DeleteRegistryTagQuery = z.object({
  name: RegisteredModelName,
  version: ModelVersionNumber.optional(),
  key: RegistryTagKey,
});
export type DeleteRegistryTagQuery = z.input<typeof DeleteRegistryTagQuery>;

/** MLflow stores descriptions as text; this bound keeps a request reasonable. */
export const MAX_DESCRIPTION_LENGTH = 100_000;

/** The registered model's description, or one version's when `version` is given (Markdown). */
export const UpdateDescriptionBody = z
  .object({
    name: RegisteredModelName,
    version: ModelVersionNumber.optional(),
    description: z.string().max(MAX_DESCRIPTION_LENGTH),
  })
  .strict();
export type UpdateDescriptionBody = z.input<typeof UpdateDescriptionBody>;
