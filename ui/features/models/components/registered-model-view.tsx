"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Boxes } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { Timestamp } from "@/components/timestamp";
import { useHasRole } from "@/features/auth";
import { useDeleteRegistryTag, useSetRegistryTag, useUpdateDescription } from "../hooks/use-model-mutations";
import { modelQueries } from "../queries";
import type { ModelVersionSummary } from "../schemas";
import { parseSelectedVersion } from "../search-params";
import { DescriptionEditor } from "./description-editor";
import { ModelAliasesEditor } from "./model-aliases-editor";
import { ModelVersionActions } from "./model-version-actions";
import { ModelVersionPanel } from "./model-version-panel";
import { ModelVersionsTable } from "./model-versions-table";
import { RegistryTagsEditor } from "./registry-tags-editor";
import { VersionMetricsTable } from "./version-metrics-table";

export interface RegisteredModelViewProps {
  name: string;
  /** Slot in the page header, e.g. a model-wide deploy button. */
  headerActions?: ReactNode;
  /** What each version's row offers; default `ModelVersionActions` (copy the models:/ URI). */
  versionActions?: (version: ModelVersionSummary) => ReactNode;
}

/**
 * A registered model: description, aliases and tags (editable by editors), its versions with their source
 * runs (one opened from `?version=`), and the versions' metrics side by side.
 */
export function RegisteredModelView({ name, headerActions, versionActions }: RegisteredModelViewProps) {
  const { data: model } = useSuspenseQuery(modelQueries.detail(name));
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selected = parseSelectedVersion(new URLSearchParams(searchParams.toString()));
  const setTag = useSetRegistryTag();
  const deleteTag = useDeleteRegistryTag();
  const describe = useUpdateDescription();
  const readOnly = !useHasRole("editor");

  // Opening a version is a history entry: Back closes it; the link is the URL.
  const select = (version: string | null) => {
    const params = new URLSearchParams(searchParams.toString());
    if (version) params.set("version", version);
    else params.delete("version");
    const search = params.toString();
    window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname);
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1 space-y-1">
          <p className="text-sm text-muted-foreground">Registered model</p>
          <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight" data-testid="model-name">
            <Boxes className="size-6 shrink-0 text-muted-foreground" aria-hidden />
            <span className="break-all">{model.name}</span>
          </h1>
          <p className="text-sm text-muted-foreground">
            Created <Timestamp ms={model.creationTimestamp} /> · updated <Timestamp ms={model.lastUpdatedTimestamp} />
          </p>
        </div>
        {headerActions ? (
          <div className="flex items-center gap-2" data-testid="model-header-actions">
            {headerActions}
          </div>
        ) : null}
      </div>
      <DescriptionEditor
        description={model.description}
        testId="model-description"
        readOnly={readOnly}
        onSave={(description) => describe.mutate({ name: model.name, description })}
      />
      <ModelAliasesEditor model={model} selectedVersion={selected} readOnly={readOnly} />
      <RegistryTagsEditor
        tags={model.tags}
        testId="model-tags"
        readOnly={readOnly}
        onSet={(tag) => setTag.mutate({ name: model.name, ...tag })}
        onDelete={(key) => deleteTag.mutate({ name: model.name, key })}
      />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">
          Versions ({model.versions.length.toLocaleString("en-US")}
          {model.versionsTruncated ? ", the newest shown" : ""})
        </h2>
        {model.versions.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="model-versions-empty">
            No versions yet: register one from a run&apos;s logged model (the run page&apos;s Artifacts tab, Register
            model), or with mlflow.register_model().
          </p>
        ) : (
          <ModelVersionsTable
            versions={model.versions}
            selected={selected}
            onSelect={select}
            renderPanel={(version) => (
              <ModelVersionPanel key={version.version} modelName={model.name} version={version} />
            )}
            versionActions={
              versionActions ?? ((version) => <ModelVersionActions modelName={model.name} version={version.version} />)
            }
          />
        )}
      </section>
      {model.versions.length > 0 ? <VersionMetricsTable versions={model.versions} /> : null}
    </div>
  );
}
