"use client";

import { useState, type FormEvent } from "react";
import { CopyButton } from "@/components/copy-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useCreateApiToken } from "../hooks/use-api-token-mutations";
import { TOKEN_LIFETIMES_DAYS } from "../schemas";

/** Creates a token and shows it once, with what to export for MLflow clients and the SDK. */
export function NewApiTokenForm() {
  const create = useCreateApiToken();
  const [lifetime, setLifetime] = useState("90");
  const [created, setCreated] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const label = String(new FormData(event.currentTarget).get("label") ?? "");
    const expiresInDays = lifetime === "never" ? null : Number(lifetime);
    create.mutate({ label, expiresInDays }, { onSuccess: (answer) => setCreated(answer.token) });
  }

  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const snippet = created ? `export MLFLOW_TRACKING_URI=${origin}\nexport MLFLOW_TRACKING_TOKEN=${created}` : "";
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-3" onSubmit={submit} data-testid="new-api-token-form">
        <div className="space-y-1">
          <Label htmlFor="token-label">Label</Label>
          <Input id="token-label" name="label" placeholder="laptop, CI…" maxLength={100} required />
        </div>
        <div className="space-y-1">
          <Label htmlFor="token-lifetime">Expires</Label>
          <Select value={lifetime} onValueChange={setLifetime}>
            <SelectTrigger id="token-lifetime" className="w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {TOKEN_LIFETIMES_DAYS.map((days) => (
                <SelectItem key={days} value={String(days)}>
                  in {days} days
                </SelectItem>
              ))}
              <SelectItem value="never">never</SelectItem>
            </SelectContent>
          </Select>
        </div>
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      {create.error ? (
        <Alert variant="destructive">
          <AlertDescription>{create.error.message}</AlertDescription>
        </Alert>
      ) : null}
      {created ? (
        <Alert data-testid="new-api-token">
          <AlertTitle>Copy your token now: it is not shown again</AlertTitle>
          <AlertDescription className="space-y-2">
            <div className="flex items-center gap-2">
              <code className="break-all font-mono text-xs" data-testid="new-api-token-value">
                {created}
              </code>
              <CopyButton value={created} label="Copy the token" />
            </div>
            <p>MLflow clients and mltrack-sdk read it from the environment:</p>
            <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{snippet}</pre>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
