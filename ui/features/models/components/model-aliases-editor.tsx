"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { Alias } from "mltrack-sdk/validation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDeleteModelAlias, useSetModelAlias } from "../hooks/use-model-mutations";
import type { RegisteredModelDetail } from "../schemas";

/**
 * The model's aliases (`@champion` → version 3): set one on a version, move it to another (setting an
 * alias that exists moves it: MLflow keeps one version per alias), or delete it. `readOnly` only lists them.
 */
export function ModelAliasesEditor({
  model,
  selectedVersion,
  readOnly = false,
}: {
  model: RegisteredModelDetail;
  /** The version the form offers first: the one opened from the URL, else the newest. */
  selectedVersion: string | null;
  readOnly?: boolean;
}) {
  const setAlias = useSetModelAlias();
  const deleteAlias = useDeleteModelAlias();
  const versions = model.versions.map((v) => v.version);
  const defaultVersion = selectedVersion && versions.includes(selectedVersion) ? selectedVersion : (versions[0] ?? "");

  return (
    <section aria-label="Aliases" className="space-y-1.5" data-testid="model-aliases-editor">
      <h2 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Aliases</h2>
      {model.aliases.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {model.aliases.map(({ alias, version }) => (
            <li
              key={alias}
              data-testid="model-alias"
              data-alias={alias}
              data-version={version}
              className="flex items-center gap-1 rounded-md border bg-secondary py-0.5 pr-0.5 pl-2 text-xs"
            >
              <span className="font-mono font-medium">@{alias}</span>
              <span className="text-muted-foreground">→ v{version}</span>
              {readOnly ? (
                <span className="w-1" />
              ) : (
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-6"
                  aria-label={`Delete alias ${alias}`}
                  disabled={deleteAlias.isPending}
                  onClick={() => deleteAlias.mutate({ name: model.name, alias })}
                >
                  <Trash2 className="size-3" />
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">
          No aliases. An alias (e.g. champion) names a version for loading: models:/{model.name}@champion.
        </p>
      )}
      {versions.length > 0 && !readOnly ? (
        <AliasForm
          // A new default version (another one opened) starts the form afresh.
          key={defaultVersion}
          versions={versions}
          existing={model.aliases}
          defaultVersion={defaultVersion}
          pending={setAlias.isPending}
          onSet={(alias, version) => setAlias.mutate({ name: model.name, alias, version })}
        />
      ) : null}
    </section>
  );
}

function AliasForm({
  versions,
  existing,
  defaultVersion,
  pending,
  onSet,
}: {
  versions: readonly string[];
  existing: readonly { alias: string; version: string }[];
  defaultVersion: string;
  pending: boolean;
  onSet: (alias: string, version: string) => void;
}) {
  const [alias, setAlias] = useState("");
  const [version, setVersion] = useState(defaultVersion);
  const [submitted, setSubmitted] = useState(false);
  const parsed = Alias.safeParse(alias.trim());
  const problem = parsed.success ? undefined : (parsed.error.issues[0]?.message ?? "Invalid alias");
  const current = existing.find((a) => a.alias === alias.trim());

  return (
    <form
      className="flex max-w-2xl flex-wrap items-end gap-2"
      data-testid="alias-form"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (!problem && !pending) {
          onSet(alias.trim(), version);
          setAlias("");
          setSubmitted(false);
        }
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor="alias-name" className="text-xs">
          Alias
        </Label>
        <Input
          id="alias-name"
          placeholder="champion"
          value={alias}
          onChange={(event) => setAlias(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="h-8 w-48 font-mono text-xs"
          aria-invalid={submitted && problem !== undefined}
          data-testid="alias-name"
        />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="alias-version" className="text-xs">
          Version
        </Label>
        <select
          id="alias-version"
          value={version}
          onChange={(event) => setVersion(event.target.value)}
          className="h-8 rounded-md border bg-background px-2 text-xs"
          data-testid="alias-version"
        >
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" size="sm" disabled={pending} data-testid="alias-submit">
        {current && current.version !== version ? `Move @${current.alias} to v${version}` : "Set alias"}
      </Button>
      {submitted && problem ? (
        <p role="alert" className="w-full text-xs text-destructive">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
