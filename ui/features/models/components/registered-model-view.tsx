"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Boxes } from "lucide-react";
import Link from "next/link";
import { LazyMarkdown as Markdown } from "@/components/lazy-markdown";
import { Timestamp } from "@/components/timestamp";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { modelQueries } from "../queries";

/** A registered model: description, aliases, tags and its versions, each linked to the run it came from. */
export function RegisteredModelView({ name }: { name: string }) {
  const { data: model } = useSuspenseQuery(modelQueries.detail(name));
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-muted-foreground">Registered model</p>
        <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight" data-testid="model-name">
          <Boxes className="size-6 text-muted-foreground" aria-hidden />
          {model.name}
        </h1>
        <p className="text-sm text-muted-foreground">
          Created <Timestamp ms={model.creationTimestamp} /> · updated <Timestamp ms={model.lastUpdatedTimestamp} />
        </p>
      </div>
      {model.description ? (
        <Markdown>{model.description}</Markdown>
      ) : (
        <p className="text-sm text-muted-foreground">No description.</p>
      )}
      {model.aliases.length || model.tags.length ? (
        <div className="flex flex-wrap gap-2" data-testid="model-labels">
          {model.aliases.map(({ alias, version }) => (
            <Badge key={alias} variant="secondary" title={`@${alias} points at version ${version}`}>
              @{alias} → v{version}
            </Badge>
          ))}
          {model.tags.map(({ key, value }) => (
            <Badge key={key} variant="outline" className="font-normal">
              {key}: {value}
            </Badge>
          ))}
        </div>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Versions ({model.versions.length})</h2>
        {model.versions.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No versions yet: register one from a run&apos;s logged model (its Artifacts tab), or with
            mlflow.register_model().
          </p>
        ) : (
          <Table data-testid="model-versions">
            <TableHeader>
              <TableRow>
                <TableHead className="w-20">Version</TableHead>
                <TableHead>Aliases</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Registered</TableHead>
                <TableHead>Source run</TableHead>
                <TableHead>Stage (legacy)</TableHead>
                <TableHead>Description</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {model.versions.map((v) => (
                <TableRow key={v.version} data-testid="model-version-row">
                  <TableCell className="font-mono">v{v.version}</TableCell>
                  <TableCell className="space-x-1">
                    {v.aliases.map((alias) => (
                      <Badge key={alias} variant="secondary">
                        @{alias}
                      </Badge>
                    ))}
                  </TableCell>
                  <TableCell>{v.status === "READY" ? "ready" : v.status.toLowerCase().replace("_", " ")}</TableCell>
                  <TableCell>
                    <Timestamp ms={v.creationTimestamp} />
                  </TableCell>
                  <TableCell className="max-w-64 truncate">
                    {v.experimentId && v.runId ? (
                      <Link href={`/experiments/${v.experimentId}/runs/${v.runId}`} className="hover:underline">
                        {v.runName || v.runId}
                      </Link>
                    ) : (
                      <span className="text-muted-foreground" title={v.source}>
                        {v.runId ? `${v.runId} (deleted)` : v.source}
                      </span>
                    )}
                  </TableCell>
                  <TableCell className="text-muted-foreground">{v.stage === "None" ? "—" : v.stage}</TableCell>
                  <TableCell className="max-w-72 truncate" title={v.description}>
                    {v.description}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
