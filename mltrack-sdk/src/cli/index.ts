#!/usr/bin/env node
/** The `mltrack` command (the package's bin). */
import { main } from "./main";

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mltrack: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
