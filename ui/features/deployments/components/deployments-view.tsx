"use client";

import { useQuery } from "@tanstack/react-query";
import type { Deployment } from "mltrack-sdk/deploy-config";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Timestamp } from "@/components/timestamp";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { deploymentQueries } from "../queries";
import { deploymentsFilterOf, deploymentsHref, modelHref } from "../search-params";
import { formatElapsed } from "../status";
import { DeploymentStatusBadge } from "./deployment-status-badge";

/** Every deployment the engine has a record of, newest first; `?model=` narrows it to one registered model. */
export function DeploymentsView() {
  const searchParams = useSearchParams();
  const model = deploymentsFilterOf(Object.fromEntries(searchParams.entries()));
  const list = useQuery(deploymentQueries.list(model));
  return (
    <div className="space-y-4">
      <ModelFilter key={model ?? ""} model={model} />
      {list.isPending ? (
        <p className="text-sm text-muted-foreground">Loading deployments…</p>
      ) : list.isError ? (
        <p className="text-sm text-destructive" role="alert">
          {list.error.message}
        </p>
      ) : list.data.deployments.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="deployments-empty">
          {model
            ? `No deployments of ${model}.`
            : "No deployments yet: deploy a registered model version from its run or model page."}
        </p>
      ) : (
        <DeploymentsTable deployments={list.data.deployments} now={list.dataUpdatedAt} />
      )}
    </div>
  );
}

function ModelFilter({ model }: { model: string | undefined }) {
  const router = useRouter();
  const [text, setText] = useState(model ?? "");
  return (
    <form
      className="flex max-w-md items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        router.push(deploymentsHref(text.trim() || undefined));
      }}
    >
      <Input
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Registered model name"
        aria-label="Filter by registered model"
        data-testid="deployments-model-filter"
      />
      <Button type="submit" variant="outline" size="sm">
        Filter
      </Button>
      {model ? (
        <Button type="button" variant="ghost" size="sm" onClick={() => router.push(deploymentsHref(undefined))}>
          Clear
        </Button>
      ) : null}
    </form>
  );
}

/** `now`: when the list was read, so ages are those of the data shown (it is read again every 30 s). */
function DeploymentsTable({ deployments, now }: { deployments: Deployment[]; now: number }) {
  return (
    <Table data-testid="deployments-table">
      <TableHeader>
        <TableRow>
          <TableHead>Deployment</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Model version</TableHead>
          <TableHead>Endpoint</TableHead>
          <TableHead>Requested by</TableHead>
          <TableHead>Created</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deployments.map((d) => (
          <TableRow key={d.id} data-testid="deployment-row" data-deployment-id={d.id}>
            <TableCell>
              <Link href={`/deployments/${d.id}`} className="font-mono text-xs hover:underline">
                {d.id}
              </Link>
            </TableCell>
            <TableCell>
              <DeploymentStatusBadge status={d.status} />
            </TableCell>
            <TableCell>{d.target}</TableCell>
            <TableCell>
              <Link href={modelHref(d.modelName)} className="hover:underline">
                {d.modelName}
              </Link>{" "}
              <span className="text-muted-foreground">v{d.modelVersion}</span>
            </TableCell>
            <TableCell className="max-w-64 truncate font-mono text-xs" title={d.endpointUrl ?? undefined}>
              {d.endpointUrl ?? "—"}
            </TableCell>
            <TableCell>{d.requestedBy}</TableCell>
            <TableCell className="text-sm">
              <Timestamp ms={d.createdAt} />{" "}
              <span className="text-xs text-muted-foreground" suppressHydrationWarning>
                ({formatElapsed(now - d.createdAt)} ago)
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
