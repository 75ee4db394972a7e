import js from "@eslint/js";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import globals from "globals";
import tseslint from "typescript-eslint";

const UI = ["ui/**/*.{ts,tsx}"];
/** Next's flat configs, applied to the UI package only. */
const forUi = (configs) => configs.map((config) => ({ ...config, files: UI }));

/** Modules that must never reach the browser bundle (they also `import "server-only"`). */
const SERVER_ONLY = [
  "**/server",
  "**/server/**",
  "@/lib/http/*",
  "@/lib/auth",
  "@/lib/mlflow",
  "@/lib/log",
  "@/lib/env",
];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "ui/.next/**",
      "ui/next-env.d.ts",
      ".venv/**",
      ".mltrack/**",
      "test-results/**",
      "tests/e2e/.output/**",
      "bench/.output/**",
      "infrastructure/cdk.out/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...forUi(nextCoreWebVitals),
  {
    files: UI,
    settings: { next: { rootDir: "ui" } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The server/client line: components and hooks run in the browser.
    files: [
      "ui/components/**",
      "ui/hooks/**",
      "ui/features/*/components/**",
      "ui/features/*/hooks/**",
      "ui/features/*/*.{ts,tsx}",
      "ui/features/*/prepare/**",
      "ui/features/*/filter/**",
      "ui/features/*/stores/**",
    ],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: SERVER_ONLY, message: "Browser code must not import server modules.", allowTypeImports: true },
          ],
          // The MLflow client and its endpoint table are ~50 KB of browser JavaScript for no use there.
          paths: ["mltrack-sdk", "mltrack-sdk/mlflow"].map((name) => ({
            name,
            message: "The MLflow client is server code; in the browser use mltrack-sdk/tags or mltrack-sdk/validation.",
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
);
