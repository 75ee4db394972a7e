import { defineConfig } from "tsup";

// One build for npm users and for the UI, which imports the SDK through the same exports map.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "mlflow/index": "src/mlflow/index.ts",
    // Names and input rules only: small enough for browser bundles (no client, no endpoint table).
    tags: "src/mlflow/tags.ts",
    validation: "src/mlflow/validation.ts",
    // Deploy config schemas, record types and DeployError: browser-safe (the UI's deploy dialog).
    "deploy-config": "src/deploy/config.ts",
    // The deploy engine (Node only); SageMaker and Modal targets are chunks loaded on first use.
    "deploy/index": "src/deploy/index.ts",
    // The `mltrack` bin (package.json "bin"): keeps its #! line, and tsup marks it executable.
    "cli/index": "src/cli/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  splitting: true,
  treeshake: true,
});
