/**
 * The README against the repository, so it cannot drift (an earlier prototype's README advertised
 * targets, files and numbers that did not exist): every `make` target it names is in the Makefile,
 * every relative link and image exists, and every number of its benchmark table is in bench/README.md.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`);
  expect(start, `README has a "${title}" section`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe("README.md", () => {
  it("starts with the two commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock.split("\n").map((line) => line.split(/\s+#/)[0]?.trim())).toEqual(["make dev", "make test", ""]);
  });

  it("names only make targets the Makefile has", () => {
    const makefile = readFileSync(path.join(root, "Makefile"), "utf8");
    const targets = new Set([...makefile.matchAll(/^([a-z][a-z0-9-]*):/gm)].map((m) => m[1]));
    const named = new Set([...readme.matchAll(/`make ([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string));
    // A table row `make a` / `b` / `c` names b and c as targets too.
    for (const m of readme.matchAll(/^\| `make ([a-z-]+)`((?: \/ `[a-z-]+`)*) \|/gm)) {
      for (const extra of (m[2] ?? "").matchAll(/`([a-z-]+)`/g)) named.add(extra[1] as string);
    }
    expect(named.size).toBeGreaterThan(15);
    for (const target of named) expect(targets.has(target), `make ${target}`).toBe(true);
  });

  it("links only to files that exist", () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)]
      .map((m) => m[1] as string)
      .filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(existsSync(path.join(root, link)), link).toBe(true);
  });

  it("quotes its benchmark numbers from bench/README.md", () => {
    const bench = readFileSync(path.join(root, "bench/README.md"), "utf8");
    const rows = section("Benchmarks")
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| what"));
    const numbers = rows.flatMap((row) => {
      const [, , mlTrack, peer] = row.split("|");
      return [...`${mlTrack} ${peer}`.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0]);
    });
    expect(numbers.length).toBeGreaterThan(15);
    const quoted = numbers.filter((n) => !/^(1|16|100|10|000)$/.test(n) && !/^1,000|^10,000|^100,000/.test(n));
    for (const number of quoted) expect(bench, number).toContain(number);
  });
});
