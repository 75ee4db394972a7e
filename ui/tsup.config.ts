import { defineConfig } from "tsup";

/**
 * ui/server.ts → dist/server.js. Everything but `next` is bundled in, so the server runs from Next's
 * standalone output (ui/.next/standalone, the Docker image) whose node_modules holds only what the
 * app's traced server code needs; `next` stays external so the server and the app share one copy.
 */
export default defineConfig({
  entry: ["server.ts"],
  format: "esm",
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  silent: true,
  external: ["next"],
  noExternal: [/^(?!next($|\/))/],
  // Bundled CommonJS dependencies may call require(); ESM output has none of its own.
  banner: {
    js: 'import { createRequire as __mltrackCreateRequire } from "node:module"; const require = __mltrackCreateRequire(import.meta.url);',
  },
});
