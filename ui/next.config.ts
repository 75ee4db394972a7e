import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Gateway paths such as /api/2.0/mlflow/runs/get must reach their handlers exactly as sent.
  skipTrailingSlashRedirect: true,
  // forbidden(): a page a signed-in user's role does not reach answers 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
};

export default config;
