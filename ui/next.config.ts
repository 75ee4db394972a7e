import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Gateway paths such as /api/2.0/mlflow/runs/get must reach their handlers exactly as sent.
  skipTrailingSlashRedirect: true,
  // forbidden(): a page a signed-in user's role does not reach answers 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  // .next/standalone: the server and just the node_modules it needs, for the Docker image
  // (scripts/assemble-standalone.sh picks from it). Traced from the repo root, where the mltrack-sdk
  // workspace's link lives.
  output: "standalone",
  outputFileTracingRoot: repoRoot,
};

export default config;
