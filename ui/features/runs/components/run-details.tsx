"use client";

import { ExternalLink } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/copy-button";
import { Timestamp } from "@/components/timestamp";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { runHref, shortCommit } from "../run-detail-links";
import type { RunDetail } from "../schemas";
import { RunDuration } from "./run-duration";
import { RunStatusBadge } from "./run-status-badge";

const none = <span className="text-muted-foreground">—</span>;

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] items-start gap-2 py-1.5" data-testid={testId}>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

function Commit({ source }: { source: RunDetail["source"] }) {
  const { gitCommit, commitUrl } = source;
  if (!gitCommit) return none;
  const text = (
    <span className="font-mono text-xs" title={gitCommit}>
      {shortCommit(gitCommit)}
    </span>
  );
  return (
    <span className="inline-flex items-center gap-1">
      {commitUrl ? (
        <a
          href={commitUrl}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="inline-flex items-center gap-1 text-primary hover:underline"
          data-testid="run-commit-link"
          aria-label={`Commit ${gitCommit} (opens in a new tab)`}
        >
          {text}
          <ExternalLink className="size-3" aria-hidden />
        </a>
      ) : (
        text
      )}
      <CopyButton value={gitCommit} label="Copy commit SHA" />
    </span>
  );
}

/** "About this run": when, who, from where, and its identifiers. */
export function RunDetails({ run }: { run: RunDetail }) {
  const { source } = run;
  return (
    <Card className="gap-2" data-testid="run-details">
      <CardHeader>
        <CardTitle>Details</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="divide-y text-sm">
          <Row label="Status">
            <RunStatusBadge status={run.status} />
          </Row>
          <Row label="Started">
            <Timestamp ms={run.startTime} />
          </Row>
          <Row label="Ended">{run.endTime === null ? none : <Timestamp ms={run.endTime} />}</Row>
          <Row label="Duration" testId="run-duration">
            <RunDuration startTime={run.startTime} endTime={run.endTime} running={run.status === "RUNNING"} />
            {run.status === "RUNNING" && run.endTime === null ? (
              <span className="text-muted-foreground"> so far</span>
            ) : null}
          </Row>
          <Row label="User">{run.userId || none}</Row>
          <Row label="Source" testId="run-source">
            {source.name ? <span className="font-mono text-xs">{source.name}</span> : none}
            {source.type ? (
              <Badge variant="secondary" className="ml-2 align-middle">
                {source.type}
              </Badge>
            ) : null}
          </Row>
          <Row label="Git branch">
            {source.gitBranch ? <span className="font-mono text-xs">{source.gitBranch}</span> : none}
          </Row>
          <Row label="Git commit" testId="run-commit">
            <Commit source={source} />
          </Row>
          {source.gitRepoUrl ? (
            <Row label="Repository">
              <span className="font-mono text-xs">{source.gitRepoUrl}</span>
            </Row>
          ) : null}
          <Row label="Run ID">
            <span className="inline-flex items-center gap-1">
              <span className="font-mono text-xs" data-testid="run-id">
                {run.runId}
              </span>
              <CopyButton value={run.runId} label="Copy run ID" />
            </span>
          </Row>
          <Row label="Artifact URI">
            <span className="inline-flex items-center gap-1">
              <span className="font-mono text-xs">{run.artifactUri || "—"}</span>
              {run.artifactUri ? <CopyButton value={run.artifactUri} label="Copy artifact URI" /> : null}
            </span>
          </Row>
          <Row label="Experiment">
            <Link href={`/experiments/${run.experimentId}`} className="text-primary hover:underline">
              {run.experimentName}
            </Link>
          </Row>
          <Row label="Parent run" testId="run-parent">
            {run.parent ? (
              <span className="inline-flex flex-wrap items-center gap-2">
                <Link
                  href={runHref(run.experimentId, run.parent.runId)}
                  className="text-primary hover:underline"
                  data-testid="run-parent-link"
                >
                  {run.parent.runName || run.parent.runId}
                </Link>
                <RunStatusBadge status={run.parent.status} />
                {run.parent.lifecycleStage === "deleted" ? (
                  <span className="text-xs text-destructive">deleted</span>
                ) : null}
              </span>
            ) : (
              none
            )}
          </Row>
        </dl>
      </CardContent>
    </Card>
  );
}
