/**
 * What every run records about where it ran, read once per process: the source (script) and its git
 * state in MLflow's standard tags, the user, and host, OS and runtime in MLTrack's.
 */
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MLFLOW_TAGS, MLTRACK_TAGS } from "../mlflow/tags";
import { readGitInfo } from "./git";

/** The script being run (`node train.js` -> its absolute path), else the working directory. */
export function sourceName(): string {
  const script = process.argv[1];
  return script ? path.resolve(script) : process.cwd();
}

function gitDirectory(): string {
  const script = process.argv[1];
  try {
    if (script && existsSync(script)) {
      const resolved = path.resolve(script);
      return statSync(resolved).isDirectory() ? resolved : path.dirname(resolved);
    }
  } catch {
    // Fall back to the working directory.
  }
  return process.cwd();
}

function userName(): string | undefined {
  try {
    return os.userInfo().username || undefined;
  } catch {
    return process.env.USER || process.env.LOGNAME || process.env.USERNAME || undefined;
  }
}

function runtime(): string {
  const versions = process.versions as Record<string, string | undefined>;
  if (versions.bun) return `bun ${versions.bun}`;
  if (versions.deno) return `deno ${versions.deno}`;
  return `node ${process.versions.node}`;
}

let staticTags: Readonly<Record<string, string>> | undefined;

/** Tags known without waiting, read once per process: source, user, host, OS and runtime. */
export function staticRunTags(): Readonly<Record<string, string>> {
  staticTags ??= readStaticTags();
  return staticTags;
}

function readStaticTags(): Record<string, string> {
  const tags: Record<string, string> = {
    [MLFLOW_TAGS.sourceName]: sourceName(),
    [MLFLOW_TAGS.sourceType]: "LOCAL",
    [MLTRACK_TAGS.host]: os.hostname(),
    [MLTRACK_TAGS.os]: `${os.type()} ${os.release()} ${os.arch()}`,
    [MLTRACK_TAGS.runtime]: runtime(),
  };
  const user = userName();
  if (user) tags[MLFLOW_TAGS.user] = user;
  return tags;
}

let gitTags: Promise<Record<string, string>> | undefined;

/** Git tags of the source, read once per process (the commit does not change under a running process). */
export function gitRunTags(): Promise<Record<string, string>> {
  gitTags ??= readGitInfo(gitDirectory()).then(
    (info) => {
      if (!info) return {};
      const tags: Record<string, string> = { [MLFLOW_TAGS.gitCommit]: info.commit };
      if (info.branch) tags[MLFLOW_TAGS.gitBranch] = info.branch;
      if (info.repoUrl) tags[MLFLOW_TAGS.gitRepoUrl] = info.repoUrl;
      if (info.dirty !== undefined) tags[MLTRACK_TAGS.gitDirty] = String(info.dirty);
      return tags;
    },
    () => ({}),
  );
  return gitTags;
}
