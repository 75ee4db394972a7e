"use client";

import { useState } from "react";
import { ErrorState } from "@/components/error-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useGrantPermission } from "../hooks/use-admin-mutations";
import { GRANTABLE_PERMISSIONS, type GrantBody, type GrantResourceType } from "../schemas";

type GrantablePermission = GrantBody["permission"];

/** MLflow's levels, each including the ones before it; DENY overrides every other grant. */
const PERMISSION_HELP: Record<GrantablePermission, string> = {
  READ: "Read it",
  USE: "Read and use it",
  EDIT: "Also change it",
  MANAGE: "Also delete it and grant others permissions on it",
  DENY: "No access, whatever else they are granted",
};

/** Grants one permission on one experiment or registered model; a grant the user has on it is replaced. */
export function GrantForm({ username }: { username: string }) {
  const grant = useGrantPermission(username);
  const [resourceType, setResourceType] = useState<GrantResourceType>("experiment");
  const [resourceId, setResourceId] = useState("");
  const [permission, setPermission] = useState<GrantablePermission>("READ");

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const id = resourceId.trim();
    const body: GrantBody =
      resourceType === "experiment"
        ? { resourceType, resourceId: id, permission }
        : { resourceType, resourceId: id, permission };
    grant.mutate(body, { onSuccess: () => setResourceId("") });
  }

  const idLabel = resourceType === "experiment" ? "Experiment ID" : "Registered model name";
  return (
    <form onSubmit={submit} className="grid gap-3" data-testid="admin-grant-form">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="grant-resource-type">Resource</Label>
          <Select value={resourceType} onValueChange={(value) => setResourceType(value as GrantResourceType)}>
            <SelectTrigger id="grant-resource-type" size="sm" className="w-44" data-testid="admin-grant-resource-type">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="experiment">Experiment</SelectItem>
              <SelectItem value="registered_model">Registered model</SelectItem>
            </SelectContent>
          </Select>
        </div>
        <div className="grid min-w-56 flex-1 gap-1.5">
          <Label htmlFor="grant-resource-id">{idLabel}</Label>
          <Input
            id="grant-resource-id"
            value={resourceId}
            onChange={(event) => setResourceId(event.target.value)}
            required
            placeholder={resourceType === "experiment" ? "e.g. 12" : "e.g. churn-model"}
            autoComplete="off"
            spellCheck={false}
            className="h-8"
            data-testid="admin-grant-resource-id"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="grant-permission">Permission</Label>
          <Select value={permission} onValueChange={(value) => setPermission(value as GrantablePermission)}>
            <SelectTrigger
              id="grant-permission"
              size="sm"
              className="w-32"
              title={PERMISSION_HELP[permission]}
              data-testid="admin-grant-permission"
            >
              <SelectValue>{permission}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              {GRANTABLE_PERMISSIONS.map((level) => (
                <SelectItem key={level} value={level}>
                  <span className="flex flex-col items-start">
                    <span>{level}</span>
                    <span className="max-w-64 text-xs whitespace-normal text-muted-foreground">
                      {PERMISSION_HELP[level]}
                    </span>
                  </span>
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <Button
          type="submit"
          size="sm"
          disabled={grant.isPending || !resourceId.trim()}
          data-testid="admin-grant-submit"
        >
          {grant.isPending ? "Granting…" : "Grant"}
        </Button>
      </div>
      {grant.error ? <ErrorState title="Could not grant the permission" error={grant.error} /> : null}
    </form>
  );
}
