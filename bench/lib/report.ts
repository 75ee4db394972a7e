/** What every benchmark reports: the machine, the date, and its results section in bench/README.md. */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, venvBin } from "../../scripts/lib/paths";

export interface BenchReport {
  /** Section name in bench/README.md (between `<!-- bench:NAME:start -->` and `:end -->`). */
  name: string;
  /** Markdown: the results table and its verdicts. */
  markdown: string;
  /** One line per target: whether it was met. */
  verdicts: string[];
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const memGiB = Math.round(os.totalmem() / 2 ** 30);
  const mlflow = (() => {
    try {
      return execFileSync(venvBin("mlflow"), ["--version"], { encoding: "utf8" })
        .trim()
        .replace(/^mlflow, version /, "");
    } catch {
      return "?";
    }
  })();
  return `${os.cpus().length} × ${cpu}, ${memGiB} GiB, ${os.type()} ${os.release()}, Node ${process.version}, MLflow ${mlflow}`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

/** Replaces the report's section of bench/README.md, leaving the rest of the file as it is. */
export function writeSection(report: BenchReport): void {
  const readme = path.join(repoRoot, "bench", "README.md");
  const text = readFileSync(readme, "utf8");
  const start = `<!-- bench:${report.name}:start -->`;
  const end = `<!-- bench:${report.name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`bench/README.md has no ${start} ... ${end} section`);
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${report.markdown.trim()}\n${text.slice(to)}`);
}
