/**
 * The git state of the code being run: commit, branch, remote and whether the working tree has
 * uncommitted changes. `git` runs through execFile with argument arrays (never a shell), with a
 * timeout and without taking git's optional locks; no git, no repository or a timeout just means no
 * git tags.
 */
import { execFile } from "node:child_process";

export interface GitInfo {
  commit: string;
  branch?: string;
  repoUrl?: string;
  dirty?: boolean;
}

const TIMEOUT_MS = 3000;

function git(cwd: string, args: readonly string[]): Promise<{ ok: boolean; code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    try {
      execFile(
        "git",
        [...args],
        {
          cwd,
          timeout: TIMEOUT_MS,
          windowsHide: true,
          maxBuffer: 1024 * 1024,
          env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
        },
        (err, stdout) => {
          const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
          resolve({ ok: !err, code, stdout: String(stdout).trim() });
        },
      );
    } catch {
      resolve({ ok: false, code: null, stdout: "" });
    }
  });
}

/** A remote URL without the credentials it may carry (`https://user:token@host/x` -> `https://host/x`). */
export function redactRemote(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

/** The git state of `cwd`, or undefined when it is not in a git repository (or git is missing). */
export async function readGitInfo(cwd: string): Promise<GitInfo | undefined> {
  const head = await git(cwd, ["rev-parse", "HEAD"]);
  if (!head.ok || !/^[0-9a-f]{40,64}$/.test(head.stdout)) return undefined;
  const [branch, remote, diff] = await Promise.all([
    git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"]),
    remoteUrl(cwd),
    // Exit 0: no changes to tracked files; 1: changes; anything else: unknown.
    git(cwd, ["diff", "--quiet", "HEAD", "--"]),
  ]);
  const info: GitInfo = { commit: head.stdout };
  if (branch.ok && branch.stdout && branch.stdout !== "HEAD") info.branch = branch.stdout;
  if (remote) info.repoUrl = redactRemote(remote);
  if (diff.code === 0 || diff.code === 1) info.dirty = diff.code === 1;
  return info;
}

async function remoteUrl(cwd: string): Promise<string | undefined> {
  const origin = await git(cwd, ["remote", "get-url", "origin"]);
  if (origin.ok && origin.stdout) return origin.stdout;
  const remotes = await git(cwd, ["remote"]);
  const first = remotes.ok ? remotes.stdout.split("\n")[0]?.trim() : undefined;
  if (!first) return undefined;
  const url = await git(cwd, ["remote", "get-url", first]);
  return url.ok && url.stdout ? url.stdout : undefined;
}
