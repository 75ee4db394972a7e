import { z } from "zod";
import { checkArtifactPath, resolvesElsewhere } from "mltrack-sdk/validation";
import { normalizeArtifactPath } from "./paths";

/** A relative artifact path MLTrack will pass to MLflow: no `..`, not absolute, no backslash or NUL. */
export const ArtifactPath = z
  .string()
  .max(4096)
  .superRefine((path, ctx) => {
    const check = checkArtifactPath(path);
    if (!check.ok) ctx.addIssue({ code: "custom", message: `Invalid artifact path: ${check.reason}` });
  });

const Flag = z
  .enum(["0", "1", "false", "true"])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** `?path=` of a listing or model card: a folder, the root when absent. */
export const ArtifactFolderQuery = z.object({ path: ArtifactPath.default("").transform(normalizeArtifactPath) });

/** `?path=&download=1&preview=1` of the file route. */
export const ArtifactFileQuery = z.object({
  path: ArtifactPath.transform(normalizeArtifactPath).refine((path) => path !== "", "Give the file's path"),
  download: Flag,
  preview: Flag,
});

export const RunIdParam = z.string().regex(/^[a-zA-Z0-9][\w-]{0,255}$/, "not a run id");
export const ModelIdParam = z.string().regex(/^[\w-]{1,256}$/, "not a logged model id");
export const ExperimentIdParam = z.string().regex(/^\d+$/, "experiment ids are numeric");

export const ArtifactEntry = z
  .object({
    /** Relative to the run's (or logged model's) artifact root. */
    path: z.string(),
    name: z.string(),
    isDir: z.boolean(),
    size: z.number().nullable(),
  })
  .strict();
export type ArtifactEntry = z.infer<typeof ArtifactEntry>;

export const ArtifactListing = z
  .object({
    path: z.string(),
    /** Folders first, then files, each by name. */
    entries: z.array(ArtifactEntry),
    /** More entries exist than one listing returns. */
    truncated: z.boolean(),
  })
  .strict();
export type ArtifactListing = z.infer<typeof ArtifactListing>;

export const LoggedModelRoot = z
  .object({
    modelId: z.string(),
    name: z.string(),
    status: z.string(),
    modelType: z.string(),
    creationTimestamp: z.number().nullable(),
  })
  .strict();
export type LoggedModelRoot = z.infer<typeof LoggedModelRoot>;

export const RunLoggedModels = z.object({ models: z.array(LoggedModelRoot), truncated: z.boolean() }).strict();
export type RunLoggedModels = z.infer<typeof RunLoggedModels>;

const SignatureField = z
  .object({
    name: z.string().nullable(),
    type: z.string(),
    shape: z.string().nullable(),
    optional: z.boolean(),
  })
  .strict();
export type SignatureField = z.infer<typeof SignatureField>;

const SignatureParam = z
  .object({ name: z.string(), type: z.string(), shape: z.string().nullable(), default: z.string() })
  .strict();
export type SignatureParam = z.infer<typeof SignatureParam>;

export const ModelFlavor = z
  .object({
    name: z.string(),
    /** `<flavor>_version` (`sklearn_version: 1.9.1`) when the flavor records one. */
    version: z.string().nullable(),
    /** Every scalar setting of the flavor, nested ones as `env.conda`. */
    details: z.array(z.object({ key: z.string(), value: z.string() }).strict()),
  })
  .strict();
export type ModelFlavor = z.infer<typeof ModelFlavor>;

/** What an `MLmodel` file says, reduced to what a model card shows. */
export const ModelSummary = z
  .object({
    flavors: z.array(ModelFlavor),
    loaderModule: z.string().nullable(),
    pythonVersion: z.string().nullable(),
    signature: z
      .object({
        inputs: z.array(SignatureField).nullable(),
        outputs: z.array(SignatureField).nullable(),
        params: z.array(SignatureParam).nullable(),
      })
      .strict()
      .nullable(),
    /** Why (part of) the signature could not be read, if it could not. */
    signatureError: z.string().nullable(),
    inputExample: z
      .object({ artifactPath: z.string(), type: z.string().nullable(), pandasOrient: z.string().nullable() })
      .strict()
      .nullable(),
    mlflowVersion: z.string().nullable(),
    modelSizeBytes: z.number().nullable(),
    modelId: z.string().nullable(),
    runId: z.string().nullable(),
    createdAt: z.string().nullable(),
  })
  .strict();
export type ModelSummary = z.infer<typeof ModelSummary>;

export const InputExampleView = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("table"),
      columns: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      totalRows: z.number(),
    })
    .strict(),
  z.object({ kind: z.literal("json"), text: z.string(), truncated: z.boolean() }).strict(),
  z.object({ kind: z.literal("unavailable"), reason: z.string() }).strict(),
]);
export type InputExampleView = z.infer<typeof InputExampleView>;

export const ModelCard = z
  .object({
    /** The folder holding `MLmodel`, relative to the artifact root. */
    path: z.string(),
    summary: ModelSummary,
    inputExample: InputExampleView.nullable(),
    /** What a registered model version would point at: `models:/<model_id>` or `runs:/<run_id>/<path>`. */
    registrationSource: z.string().nullable(),
  })
  .strict();
export type ModelCard = z.infer<typeof ModelCard>;

const RegisteredModelNameInput = z
  .string()
  .trim()
  .min(1, "Give the registered model a name")
  .max(256, "Registered model names are at most 256 characters")
  .refine((name) => !/[/:]/.test(name), "Registered model names cannot contain '/' or ':'")
  .refine((name) => !resolvesElsewhere(name), "Registered model names must not resolve to another path");

export const RegisterModelRequest = z
  .object({
    name: RegisteredModelNameInput,
    source: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("logged-model"), modelId: ModelIdParam }).strict(),
      z.object({ kind: z.literal("run"), runId: RunIdParam, path: ArtifactPath }).strict(),
    ]),
  })
  .strict();
export type RegisterModelRequest = z.input<typeof RegisterModelRequest>;

export const RegisterModelResult = z
  .object({
    name: z.string(),
    version: z.string(),
    source: z.string(),
    /** False when the registered model already existed and got a new version. */
    createdRegisteredModel: z.boolean(),
  })
  .strict();
export type RegisterModelResult = z.infer<typeof RegisterModelResult>;

export const RegisteredModelSearchQuery = z.object({ name: z.string().max(256).default("") });

export const RegisteredModelNames = z.object({ names: z.array(z.string()) }).strict();
export type RegisteredModelNames = z.infer<typeof RegisteredModelNames>;
