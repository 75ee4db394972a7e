/**
 * The UI server's configuration, typed and validated once at start-up (instrumentation.ts).
 * Every variable is documented in .env.example; defaults live here and there only.
 * Nothing here is NEXT_PUBLIC_: no value of this file reaches the browser.
 */
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const commaList = z
  .string()
  .transform((text) => [...new Set(text.split(",").map((item) => item.trim().toLowerCase()))].filter(Boolean));

/** Every server variable with its default; .env.example documents the same names and defaults. */
export const serverEnvSchema = {
  MLTRACK_HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  MLFLOW_TRACKING_URI: z
    .url({ protocol: /^https?$/, error: "must be the http(s) URL of an MLflow tracking server" })
    .default("http://127.0.0.1:5001"),
  MLFLOW_TRACKING_USERNAME: z.string().optional(),
  MLFLOW_TRACKING_PASSWORD: z.string().optional(),
  MLFLOW_TRACKING_TOKEN: z.string().optional(),
  MLTRACK_MLFLOW_TIMEOUT_MS: positiveInt.default(30_000),
  // undici runs timers over 1 s on a coarse clock: 1 s keeps "unreachable" inside 2 s.
  MLTRACK_MLFLOW_CONNECT_TIMEOUT_MS: positiveInt.max(10_000).default(1_000),
  MLTRACK_MAX_JSON_BODY_BYTES: positiveInt.default(16 * 1024 * 1024),
  // Points of finished runs' metric histories kept in memory, 24 bytes each (16M: ~384 MB at most).
  MLTRACK_HISTORY_CACHE_POINTS: positiveInt.default(16_000_000),
  MLTRACK_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Team mode (sign-in, roles, per-user MLflow permissions, API tokens); local mode has one user.
  MLTRACK_AUTH: z.enum(["local", "team"]).default("local"),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/, error: "must be the http(s) URL people open MLTrack at" }).optional(),
  MLTRACK_AUTH_STORE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, "must be sqlite:<path> or a postgresql:// URL")
    .default("sqlite:.mltrack/mltrack-auth.db"),
  MLTRACK_DEFAULT_ROLE: z.enum(["viewer", "editor", "deployer"]).default("viewer"),
  MLTRACK_SESSION_HOURS: positiveInt.max(24 * 30).default(12),
  // How many reverse proxies in front append to X-Forwarded-For (the client address for throttling).
  MLTRACK_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(5).default(0),
  MLTRACK_GITHUB_CLIENT_ID: z.string().optional(),
  MLTRACK_GITHUB_CLIENT_SECRET: z.string().optional(),
  MLTRACK_GITHUB_ALLOWED_USERS: commaList.optional(),
  MLTRACK_GITHUB_ALLOWED_ORG: z.string().optional(),
  MLTRACK_GITHUB_URL: z
    .url({ protocol: /^https?$/, error: "must be the http(s) URL of GitHub or GitHub Enterprise" })
    .default("https://github.com"),
  // Deploy engine (mltrack-sdk/deploy reads these from the server's environment itself).
  MLTRACK_DEPLOY_DIR: z.string().optional(),
  MLTRACK_VENV: z.string().optional(),
  MLTRACK_AWS_ENDPOINT_URL: z
    .url({ protocol: /^https?$/, error: "must be the http(s) URL of an AWS-compatible endpoint" })
    .optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  AWS_PROFILE: z.string().optional(),
  MODAL_TOKEN_ID: z.string().optional(),
  MODAL_TOKEN_SECRET: z.string().optional(),
};

/** Variables that mean nothing one without the other. */
const PAIRS = [
  ["MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"],
  ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
  ["MODAL_TOKEN_ID", "MODAL_TOKEN_SECRET"],
  ["MLTRACK_GITHUB_CLIENT_ID", "MLTRACK_GITHUB_CLIENT_SECRET"],
] as const;

export const env = createEnv({
  server: serverEnvSchema,
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((value, ctx) => {
      if (value.MLTRACK_AUTH === "team") {
        for (const issue of teamModeIssues(value)) ctx.addIssue({ code: "custom", ...issue });
      } else if (!LOOPBACK_HOSTS.has(value.MLTRACK_HOST)) {
        ctx.addIssue({
          code: "custom",
          path: ["MLTRACK_HOST"],
          message: `local mode has no sign-in, so the UI listens on loopback only (127.0.0.1, ::1 or localhost), not ${value.MLTRACK_HOST}; set MLTRACK_AUTH=team to serve a team`,
        });
      }
      for (const [a, b] of PAIRS) {
        if (Boolean(value[a]) === Boolean(value[b])) continue;
        ctx.addIssue({ code: "custom", path: [value[a] ? b : a], message: `${a} and ${b} go together` });
      }
    }),
  onValidationError: (issues) => {
    throw new Error(describeEnvIssues(issues));
  },
});

interface TeamSettings {
  NEXTAUTH_SECRET?: string | undefined;
  NEXTAUTH_URL?: string | undefined;
  MLFLOW_TRACKING_USERNAME?: string | undefined;
  MLTRACK_GITHUB_CLIENT_ID?: string | undefined;
  MLTRACK_GITHUB_ALLOWED_USERS?: string[] | undefined;
  MLTRACK_GITHUB_ALLOWED_ORG?: string | undefined;
}

/** What team mode needs, each problem named; there is never a built-in fallback secret. */
export function teamModeIssues(value: TeamSettings): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const weakness = secretWeakness(value.NEXTAUTH_SECRET);
  if (weakness)
    issues.push({
      path: ["NEXTAUTH_SECRET"],
      message: `team mode needs a strong secret (${weakness}); generate one with: openssl rand -base64 32`,
    });
  if (!value.NEXTAUTH_URL)
    issues.push({ path: ["NEXTAUTH_URL"], message: "team mode needs the URL people open MLTrack at" });
  if (!value.MLFLOW_TRACKING_USERNAME)
    issues.push({
      path: ["MLFLOW_TRACKING_USERNAME"],
      message: "team mode needs an MLflow admin account for MLTrack itself (with MLFLOW_TRACKING_PASSWORD)",
    });
  if (
    value.MLTRACK_GITHUB_CLIENT_ID &&
    !value.MLTRACK_GITHUB_ALLOWED_USERS?.length &&
    !value.MLTRACK_GITHUB_ALLOWED_ORG
  )
    issues.push({
      path: ["MLTRACK_GITHUB_ALLOWED_USERS"],
      message:
        "GitHub sign-in needs MLTRACK_GITHUB_ALLOWED_USERS or MLTRACK_GITHUB_ALLOWED_ORG, or anyone on GitHub could sign in",
    });
  return issues;
}

/** Why a session secret is too weak to sign and encrypt sessions, or null when it will do. */
export function secretWeakness(secret: string | undefined): string | null {
  if (!secret) return "NEXTAUTH_SECRET is not set";
  if (secret.length < 32) return `it has ${secret.length} characters, at least 32 are needed`;
  if (new Set(secret).size < 16) return "it repeats too few distinct characters to be random";
  if (/change|replace|example|secret|password|default|placeholder/i.test(secret))
    return "it looks like a placeholder, not a random value";
  return null;
}

export function describeEnvIssues(
  issues: readonly { message: string; path?: readonly unknown[] | undefined }[],
): string {
  const lines = issues.map((issue) => {
    const name = issue.path
      ?.map((p) => (typeof p === "object" && p !== null && "key" in p ? String(p.key) : String(p)))
      .join(".");
    return `  - ${name || "(config)"}: ${issue.message}`;
  });
  return `Invalid MLTrack configuration (see .env.example):\n${lines.join("\n")}`;
}
