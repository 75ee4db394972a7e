/**
 * `make bench`: runs every benchmark under bench/ (each `bench/<name>/run.ts`) against real servers it
 * starts itself, writes each one's section of bench/README.md and prints the results.
 * `npm run bench -- gateway` runs only the named ones.
 */
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../scripts/lib/paths";
import { writeSection, type BenchReport } from "./lib/report";

const benchDir = path.join(repoRoot, "bench");
const only = process.argv.slice(2);
const names = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(benchDir, entry.name, "run.ts")))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

for (const name of names) {
  console.log(`\n== bench/${name}`);
  const mod = (await import(path.join(benchDir, name, "run.ts"))) as { run: () => Promise<BenchReport> };
  const report = await mod.run();
  writeSection(report);
  console.log(`\n${report.markdown}\n`);
}
console.log(`Results written to bench/README.md (${names.join(", ")}).`);
