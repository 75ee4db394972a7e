"use client";

import { X } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { modelHref } from "@/features/models";
import type { GrantResource, UserGrant } from "../schemas";

const RESOURCE_LABELS: Record<string, string> = { experiment: "Experiment", registered_model: "Registered model" };

export function GrantsTable({
  grants,
  busy,
  onRevoke,
}: {
  grants: readonly UserGrant[];
  busy: boolean;
  onRevoke: (resource: GrantResource) => void;
}) {
  if (grants.length === 0) {
    return (
      <p className="rounded-md border p-4 text-sm text-muted-foreground" data-testid="admin-grants-empty">
        No grants: MLflow gives them its default permission on everything.
      </p>
    );
  }
  return (
    <Table data-testid="admin-grants-table">
      <TableHeader>
        <TableRow>
          <TableHead>Resource</TableHead>
          <TableHead>Permission</TableHead>
          <TableHead>Granted</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {grants.map((grant) => (
          <TableRow
            key={`${grant.via ?? ""}\u0000${grant.resourceType}\u0000${grant.resourceId}`}
            data-testid="admin-grant-row"
            data-resource-type={grant.resourceType}
            data-resource-id={grant.resourceId}
          >
            <TableCell className="max-w-96">
              <span className="text-muted-foreground">
                {RESOURCE_LABELS[grant.resourceType] ?? grant.resourceType}{" "}
              </span>
              <ResourceName grant={grant} />
            </TableCell>
            <TableCell>
              <Badge variant={grant.permission === "DENY" ? "destructive" : "secondary"}>{grant.permission}</Badge>
            </TableCell>
            <TableCell className="text-muted-foreground">
              {grant.via === null ? "directly" : <span className="break-all">through the role {grant.via}</span>}
            </TableCell>
            <TableCell className="text-right">
              {grant.revocable ? (
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={busy}
                  onClick={() => onRevoke(toResource(grant))}
                  data-testid="admin-revoke-grant"
                >
                  <X /> Revoke
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ResourceName({ grant }: { grant: UserGrant }) {
  if (grant.resourceId === "*") return <span>all (*)</span>;
  if (grant.resourceType === "experiment") {
    return (
      <Link href={`/experiments/${encodeURIComponent(grant.resourceId)}`} className="hover:underline">
        {grant.experimentName ? (
          <>
            <span className="break-all">{grant.experimentName}</span>{" "}
            <span className="font-mono text-xs text-muted-foreground">({grant.resourceId})</span>
          </>
        ) : (
          <span className="font-mono">{grant.resourceId}</span>
        )}
      </Link>
    );
  }
  if (grant.resourceType === "registered_model") {
    return (
      <Link href={modelHref(grant.resourceId)} className="break-all hover:underline">
        {grant.resourceId}
      </Link>
    );
  }
  return <span className="break-all">{grant.resourceId}</span>;
}

/** Only revocable grants reach here: direct ones on one experiment or registered model. */
function toResource(grant: UserGrant): GrantResource {
  return grant.resourceType === "experiment"
    ? { resourceType: "experiment", resourceId: grant.resourceId }
    : { resourceType: "registered_model", resourceId: grant.resourceId };
}
