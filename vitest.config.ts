import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.join(root, "ui"),
      "server-only": path.join(root, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "mltrack-sdk/src/**/*.test.ts",
            "ui/**/*.test.{ts,tsx}",
            "scripts/**/*.test.ts",
            "infrastructure/**/*.test.ts",
            "tests/unit/**/*.test.ts",
          ],
          exclude: ["**/node_modules/**", "ui/.next/**", "**/dist/**", "infrastructure/cdk.out/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One MLflow server serves all files; two at a time keeps it and the UI busy on 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
