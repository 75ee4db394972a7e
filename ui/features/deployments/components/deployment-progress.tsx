"use client";

import { useQuery } from "@tanstack/react-query";
import type { Deployment } from "mltrack-sdk/deploy-config";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { deploymentQueries } from "../queries";
import { cloudWatchLogsUrl } from "../resources";
import { formatElapsed, isTransitional } from "../status";
import { DeploymentStatusBadge } from "./deployment-status-badge";

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/** Each step and status transition with its time and the time since the deploy began. */
export function DeploymentEvents({ deployment }: { deployment: Deployment }) {
  const start = deployment.events[0]?.at ?? deployment.createdAt;
  return (
    <ol className="space-y-1 text-sm" data-testid="deployment-events" aria-label="Deployment events">
      {deployment.events.map((event, i) => (
        <li key={`${event.at}-${i}`} className="grid grid-cols-[7rem_4.5rem_5.5rem_1fr] items-baseline gap-2">
          <time className="font-mono text-xs text-muted-foreground" dateTime={new Date(event.at).toISOString()}>
            {clock(event.at)} UTC
          </time>
          <span className="text-right font-mono text-xs text-muted-foreground">+{formatElapsed(event.at - start)}</span>
          <span data-testid="deployment-event-status">{event.status}</span>
          <span className="break-words">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}

export function DeploymentErrorAlert({ deployment }: { deployment: Deployment }) {
  if (!deployment.lastError) return null;
  return (
    <Alert variant="destructive" data-testid="deployment-error">
      <AlertTitle>Last error</AlertTitle>
      <AlertDescription>
        <pre className="max-h-48 overflow-auto font-mono text-xs whitespace-pre-wrap">
          {deployment.lastError.message}
        </pre>
        {deployment.lastError.hint ? (
          <p className="mt-2" data-testid="deployment-error-hint">
            {deployment.lastError.hint}
          </p>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}

export function DeploymentLogTail({ deployment }: { deployment: Deployment }) {
  const logs = useQuery(deploymentQueries.logs(deployment.id, isTransitional(deployment.status)));
  const cloudWatch = cloudWatchLogsUrl(deployment);
  return (
    <section className="space-y-1">
      <h3 className="text-sm font-medium">
        Log tail
        {cloudWatch ? (
          <a href={cloudWatch} target="_blank" rel="noreferrer" className="ml-2 text-xs font-normal underline">
            the endpoint&apos;s CloudWatch logs
          </a>
        ) : null}
      </h3>
      {logs.isError ? (
        <p className="text-sm text-destructive">{logs.error.message}</p>
      ) : (
        <pre
          className="max-h-64 overflow-auto rounded-md border bg-muted/40 p-2 font-mono text-xs whitespace-pre-wrap"
          data-testid="deployment-logs"
        >
          {logs.data ? logs.data.lines.join("\n") || "(no output yet)" : "Loading…"}
        </pre>
      )}
    </section>
  );
}

/** Status, steps, endpoint, error and logs of one deployment, as the engine reports them. */
export function DeploymentProgress({ deployment }: { deployment: Deployment }) {
  const elapsed = deployment.updatedAt - deployment.createdAt;
  return (
    <div className="space-y-4" data-testid="deployment-progress">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <DeploymentStatusBadge status={deployment.status} />
        <span className="text-muted-foreground">
          {isTransitional(deployment.status) ? "working for" : "took"} {formatElapsed(elapsed)}
        </span>
        {deployment.endpointUrl ? (
          <span className="min-w-0 break-all">
            Endpoint{" "}
            <code className="font-mono" data-testid="deployment-endpoint">
              {deployment.endpointUrl}
            </code>
          </span>
        ) : null}
      </div>
      <DeploymentErrorAlert deployment={deployment} />
      <DeploymentEvents deployment={deployment} />
      <DeploymentLogTail deployment={deployment} />
    </div>
  );
}
