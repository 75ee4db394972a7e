"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Timestamp } from "@/components/timestamp";
import { useRevokeApiToken } from "../hooks/use-api-token-mutations";
import { apiTokenQueries } from "../queries";
import { NewApiTokenForm } from "./new-api-token-form";

/** The settings page's token list: create (shown once), see when each was last used, revoke. */
export function ApiTokensView() {
  const { data } = useSuspenseQuery(apiTokenQueries.list());
  const revoke = useRevokeApiToken();
  return (
    <div className="space-y-6">
      <NewApiTokenForm />
      <Table data-testid="api-tokens-table">
        <TableHeader>
          <TableRow>
            <TableHead>Label</TableHead>
            <TableHead>Id</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>State</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.tokens.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} className="text-muted-foreground">
                No tokens yet.
              </TableCell>
            </TableRow>
          ) : null}
          {data.tokens.map((token) => {
            const state = token.state;
            return (
              <TableRow key={token.id} data-testid={`api-token-${token.id}`}>
                <TableCell>{token.label}</TableCell>
                <TableCell className="font-mono text-xs">mlt_{token.id}_…</TableCell>
                <TableCell>
                  <Timestamp ms={token.createdAt} />
                </TableCell>
                <TableCell>{token.expiresAt === null ? "never" : <Timestamp ms={token.expiresAt} />}</TableCell>
                <TableCell>{token.lastUsedAt === null ? "never" : <Timestamp ms={token.lastUsedAt} />}</TableCell>
                <TableCell>
                  <Badge variant={state === "live" ? "secondary" : "outline"}>{state}</Badge>
                </TableCell>
                <TableCell className="text-right">
                  {state === "live" ? (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={revoke.isPending}
                      onClick={() =>
                        revoke.mutate(token.id, {
                          onSuccess: () => toast.success(`Revoked “${token.label}”`),
                          onError: (err) => toast.error("Could not revoke", { description: err.message }),
                        })
                      }
                    >
                      Revoke
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
