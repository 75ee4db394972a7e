/**
 * The closing lines of `make test`: each tier's counts from its report (vitest and Playwright JSON,
 * pytest JUnit XML), then the total as "tests: N passed, N failed, N skipped". A tier without a
 * report counts as failed.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./lib/paths";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const tiers: [name: string, file: string, read: (text: string) => Counts][] = [
  ["unit", "unit.json", (text) => vitest(JSON.parse(text))],
  ["integration", "integration.json", (text) => vitest(JSON.parse(text))],
  ["python", "python.xml", junit],
  ["e2e", "e2e.json", (text) => playwright(JSON.parse(text))],
];

function vitest(report: {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}): Counts {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwright(report: {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}): Counts {
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

/** pytest's `--junitxml` report: the counts are attributes of its one <testsuite>. */
function junit(xml: string): Counts {
  const suite = /<testsuite\b([^>]*)>/.exec(xml)?.[1] ?? "";
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = count("failures") + count("errors");
  const skipped = count("skipped");
  return { passed: count("tests") - failed - skipped, failed, skipped };
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let missing = 0;
for (const [name, file, read] of tiers) {
  const reportPath = path.join(repoRoot, "test-results", file);
  if (!existsSync(reportPath)) {
    console.log(`  ${name.padEnd(12)} no report at test-results/${file}`);
    missing++;
    continue;
  }
  const counts = read(readFileSync(reportPath, "utf8"));
  console.log(`  ${name.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
console.log(`tests: ${total.passed} passed, ${total.failed + missing} failed, ${total.skipped} skipped`);
process.exit(total.failed + missing > 0 ? 1 : 0);
