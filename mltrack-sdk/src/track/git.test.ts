import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readGitInfo, redactRemote } from "./git";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mltrack-git-"));
  dirs.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).trim();
}

describe("git state of a real repository", () => {
  it("reads commit, branch, remote (without credentials) and the dirty flag", async () => {
    const dir = tempDir();
    git(dir, "init", "-q", "-b", "train-branch");
    writeFileSync(path.join(dir, "a.txt"), "1");
    git(dir, "add", "a.txt");
    git(dir, "commit", "-qm", "first");
    git(dir, "remote", "add", "origin", "https://user:s3cret@example.com/org/repo.git");
    const commit = git(dir, "rev-parse", "HEAD");

    expect(await readGitInfo(dir)).toEqual({
      commit,
      branch: "train-branch",
      repoUrl: "https://example.com/org/repo.git",
      dirty: false,
    });
    writeFileSync(path.join(dir, "a.txt"), "2");
    expect((await readGitInfo(dir))?.dirty).toBe(true);
  });

  it("gives nothing outside a repository, or before the first commit", async () => {
    expect(await readGitInfo(tempDir())).toBeUndefined();
    const empty = tempDir();
    git(empty, "init", "-q");
    expect(await readGitInfo(empty)).toBeUndefined();
  });

  it("passes directory names to git as arguments, not through a shell", async () => {
    const dir = path.join(tempDir(), "$(touch pwned); `id`");
    execFileSync("mkdir", ["-p", dir]);
    expect(await readGitInfo(dir)).toBeUndefined();
    expect(() => execFileSync("test", ["-e", path.join(dir, "pwned")])).toThrow();
  });

  it("strips credentials from remote URLs and leaves scp-style remotes alone", () => {
    expect(redactRemote("https://x-access-token:ghp_abc@github.com/o/r.git")).toBe("https://github.com/o/r.git");
    expect(redactRemote("git@github.com:o/r.git")).toBe("git@github.com:o/r.git");
    expect(redactRemote("ssh://git@host/o/r")).toBe("ssh://host/o/r");
  });
});
