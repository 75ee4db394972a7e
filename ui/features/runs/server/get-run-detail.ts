import "server-only";
import { MLFLOW_TAGS, MlflowNotFoundError, type MlflowClient, type Run } from "mltrack-sdk/mlflow";
import type { RunDetail } from "../schemas";
import { metricCell } from "./project-run";
import { readLlmUsage } from "./run-llm-usage";

/** Child runs listed on a run's page; a sweep with more links to its filtered runs table instead. */
export const CHILD_LIMIT = 200;

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Where each host shows one commit, under the repository's path. */
const COMMIT_PAGES = {
  "github.com": { segment: "commit", depth: [2, 2] },
  "gitlab.com": { segment: "-/commit", depth: [2, 20] },
  "bitbucket.org": { segment: "commits", depth: [2, 2] },
} as const satisfies Record<string, { segment: string; depth: [number, number] }>;

/** `https://[user@]host[:port]/path`, `ssh://[user@]host[:port]/path`, or scp-style `[user@]host:path`. */
const REMOTE =
  /^(?:(?:https?|ssh|git\+ssh):\/\/(?:[\w.~%:-]+@)?([\w.-]+)(?::\d{1,5})?\/|(?:[\w.-]+@)?([\w.-]+):(?!\/))(.+)$/i;

/**
 * A browsable commit link for common hosts, from `mlflow.source.git.repoURL`: https, ssh and scp-style
 * (`git@github.com:org/repo.git`) remotes. Anything else, or a non-hex commit, gives null: the URL is
 * rendered as a link, so only a shape we build ourselves from checked parts is ever returned.
 */
export function commitUrlOf(repoUrl: string | null, commit: string | null): string | null {
  if (!repoUrl || !commit || !/^[0-9a-f]{7,64}$/i.test(commit)) return null;
  const match = REMOTE.exec(repoUrl.trim());
  if (!match) return null;
  const host = (match[1] ?? match[2] ?? "").toLowerCase();
  if (!Object.hasOwn(COMMIT_PAGES, host)) return null;
  const page = COMMIT_PAGES[host as keyof typeof COMMIT_PAGES];
  const segments = (match[3] ?? "")
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "")
    .split("/");
  const [fewest, most] = page.depth;
  if (segments.length < fewest || segments.length > most) return null;
  if (segments.some((s) => !/^[\w.-]+$/.test(s) || /^\.+$/.test(s))) return null;
  return `https://${host}/${segments.join("/")}/${page.segment}/${commit.toLowerCase()}`;
}

function quoted(value: string): string {
  // Run ids are [\w-]; still, never build a filter from text we have not checked.
  if (!/^[\w-]+$/.test(value)) throw new Error(`Not a run id: ${value}`);
  return `'${value}'`;
}

function link(run: Run) {
  return {
    runId: run.info.runId,
    runName: run.info.runName,
    status: run.info.status,
    lifecycleStage: run.info.lifecycleStage,
  };
}

/** A run with its experiment's name, its parent and children, and its source; MlflowNotFoundError if absent. */
export async function getRunDetail(mlflow: MlflowClient, runId: string): Promise<RunDetail> {
  const run = await mlflow.runs.get({ runId });
  const { info, data } = run;
  const parentId = data.tags[MLFLOW_TAGS.parentRunId] ?? null;
  const [experiment, parent, children] = await Promise.all([
    mlflow.experiments.get({ experimentId: info.experimentId }),
    parentId && parentId !== info.runId
      ? mlflow.runs.get({ runId: parentId }).catch((err: unknown) => {
          if (err instanceof MlflowNotFoundError) return null;
          throw err;
        })
      : null,
    mlflow.runs.search({
      experimentIds: [info.experimentId],
      filter: `tags.\`${MLFLOW_TAGS.parentRunId}\` = ${quoted(info.runId)}`,
      runViewType: "ALL",
      maxResults: CHILD_LIMIT + 1,
    }),
  ]);
  const listed = children.items.slice(0, CHILD_LIMIT);
  const childrenTruncated = children.items.length > CHILD_LIMIT;
  // Deleted child runs are listed (marked) but their usage is not counted.
  const activeChildren = listed.filter((child) => child.info.lifecycleStage === "active");
  const llm = await readLlmUsage(mlflow, run, activeChildren, childrenTruncated);
  const tag = (key: string) => data.tags[key] ?? null;
  return {
    runId: info.runId,
    runName: info.runName,
    experimentId: info.experimentId,
    experimentName: experiment.name,
    status: info.status,
    lifecycleStage: info.lifecycleStage,
    startTime: info.startTime,
    endTime: info.endTime,
    userId: info.userId || (tag(MLFLOW_TAGS.user) ?? ""),
    artifactUri: info.artifactUri,
    params: Object.entries(data.params)
      .map(([key, value]) => ({ key, value }))
      .sort(byKey),
    metrics: Object.values(data.metrics)
      .map((m) => ({ key: m.key, value: metricCell(m.value), step: m.step, timestamp: m.timestamp }))
      .sort(byKey),
    tags: Object.entries(data.tags)
      .map(([key, value]) => ({ key, value }))
      .sort(byKey),
    note: tag(MLFLOW_TAGS.note) ?? "",
    parent: parent ? link(parent) : null,
    children: listed.map(link),
    childrenTruncated,
    source: {
      name: tag(MLFLOW_TAGS.sourceName),
      type: tag(MLFLOW_TAGS.sourceType),
      gitCommit: tag(MLFLOW_TAGS.gitCommit),
      gitBranch: tag(MLFLOW_TAGS.gitBranch),
      gitRepoUrl: tag(MLFLOW_TAGS.gitRepoUrl),
      commitUrl: commitUrlOf(tag(MLFLOW_TAGS.gitRepoUrl), tag(MLFLOW_TAGS.gitCommit)),
    },
    llm,
  };
}
