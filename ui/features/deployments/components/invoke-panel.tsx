"use client";

import { useQuery } from "@tanstack/react-query";
import type { Deployment } from "mltrack-sdk/deploy-config";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { prettyJson } from "../invoke-body";
import { useInvoke } from "../hooks/use-deployment-mutations";
import { deploymentQueries } from "../queries";
import { sagemakerEndpointName } from "../resources";
import { buildSnippets } from "../snippets";

const CONTENT_TYPES = ["application/json", "text/csv"] as const;

/** Test calls through MLTrack's invoke route, pre-filled from the model's input example or signature. */
export function InvokePanel({ deployment }: { deployment: Deployment }) {
  const example = useQuery(deploymentQueries.invokeExample(deployment.id));
  if (example.isPending)
    return <p className="text-sm text-muted-foreground">Reading the model&apos;s input example…</p>;
  const initial = example.data ?? { body: "", contentType: "application/json", note: "", source: "none" as const };
  return (
    <div className="space-y-2">
      {example.isError ? <p className="text-sm text-destructive">{example.error.message}</p> : null}
      <p className="text-xs text-muted-foreground" data-testid="invoke-example-note">
        {initial.note}
      </p>
      <InvokeForm deployment={deployment} initialBody={initial.body} initialContentType={initial.contentType} />
    </div>
  );
}

function InvokeForm({
  deployment,
  initialBody,
  initialContentType,
}: {
  deployment: Deployment;
  initialBody: string;
  initialContentType: string;
}) {
  const [body, setBody] = useState(initialBody);
  const [contentType, setContentType] = useState(initialContentType);
  const invoke = useInvoke(deployment.id);
  const result = invoke.data;
  const snippets = buildSnippets({
    target: deployment.target,
    endpointUrl: deployment.endpointUrl,
    endpointName: sagemakerEndpointName(deployment),
    region: typeof deployment.config.region === "string" ? deployment.config.region : null,
    contentType,
    body,
  });
  const [snippet, setSnippet] = useState(0);
  const shown = snippets[Math.min(snippet, snippets.length - 1)];

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <form
        className="grid content-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invoke.isPending) invoke.mutate({ body, contentType });
        }}
      >
        <div className="flex items-center gap-2">
          <Label htmlFor="invoke-content-type">Request</Label>
          <select
            id="invoke-content-type"
            className="h-8 rounded-md border border-input bg-transparent px-2 text-xs"
            value={contentType}
            onChange={(e) => setContentType(e.target.value)}
          >
            {CONTENT_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <span className="text-xs text-muted-foreground">POST /invocations</span>
        </div>
        <Textarea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={12}
          className="font-mono text-xs"
          spellCheck={false}
          aria-label="Request body"
          data-testid="invoke-body"
        />
        <div>
          <Button
            type="submit"
            size="sm"
            disabled={invoke.isPending || deployment.status !== "ready"}
            data-testid="invoke-submit"
          >
            {invoke.isPending ? "Calling…" : "Send test request"}
          </Button>
          {deployment.status !== "ready" ? (
            <span className="ml-2 text-xs text-muted-foreground">The deployment is {deployment.status}.</span>
          ) : null}
        </div>
      </form>
      <div className="grid content-start gap-2">
        <Label>Response</Label>
        {invoke.isError ? (
          <p className="text-sm text-destructive" role="alert">
            {invoke.error.message}
          </p>
        ) : result ? (
          <div className="space-y-1" data-testid="invoke-result">
            <p className="text-xs">
              HTTP{" "}
              <span data-testid="invoke-status" className={result.status >= 400 ? "text-destructive" : undefined}>
                {result.status}
              </span>{" "}
              {result.fromModel ? "from the scoring server" : "from MLTrack (the call did not reach the model)"}
              {result.latencyMs !== null ? (
                <>
                  {" "}
                  · <span data-testid="invoke-latency">{result.latencyMs.toFixed(1)} ms</span>
                </>
              ) : null}
              {result.contentType ? ` · ${result.contentType}` : ""}
            </p>
            <pre
              className="max-h-80 overflow-auto rounded-md border bg-muted/40 p-2 font-mono text-xs whitespace-pre-wrap"
              data-testid="invoke-response"
            >
              {prettyJson(result.body)}
            </pre>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">No request sent yet.</p>
        )}
      </div>
      {shown ? (
        <div className="space-y-2 lg:col-span-2" data-testid="invoke-snippets">
          <div className="flex items-center gap-1">
            {snippets.map((s, i) => (
              <Button
                key={s.language}
                type="button"
                size="sm"
                variant={s === shown ? "secondary" : "ghost"}
                onClick={() => setSnippet(i)}
              >
                {s.label}
              </Button>
            ))}
            <span className="ml-auto">
              <CopyButton value={shown.code} label={`Copy the ${shown.label} snippet`} />
            </span>
          </div>
          <pre
            className="max-h-72 overflow-auto rounded-md border bg-muted/40 p-2 font-mono text-xs whitespace-pre"
            data-testid="invoke-snippet"
          >
            {shown.code}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
