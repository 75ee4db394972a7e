"use client";

import { useHasRole } from "@/features/auth";
import { useDeleteRegistryTag, useSetRegistryTag, useUpdateDescription } from "../hooks/use-model-mutations";
import type { ModelVersionSummary } from "../schemas";
import { DescriptionEditor } from "./description-editor";
import { RegistryTagsEditor } from "./registry-tags-editor";

/** One version opened: its source, description and tags, editable by editors. */
export function ModelVersionPanel({ modelName, version }: { modelName: string; version: ModelVersionSummary }) {
  const setTag = useSetRegistryTag();
  const deleteTag = useDeleteRegistryTag();
  const describe = useUpdateDescription();
  const readOnly = !useHasRole("editor");
  return (
    <div className="space-y-4" data-version={version.version}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Source</dt>
        <dd className="font-mono text-xs break-all">{version.source}</dd>
        <dt className="text-muted-foreground">Registered by</dt>
        <dd>{version.userId || "—"}</dd>
        {version.stage !== "None" ? (
          <>
            <dt className="text-muted-foreground">Stage (legacy)</dt>
            <dd>{version.stage}</dd>
          </>
        ) : null}
      </dl>
      <DescriptionEditor
        description={version.description}
        testId="model-version-description"
        what="version description"
        readOnly={readOnly}
        onSave={(description) => describe.mutate({ name: modelName, version: version.version, description })}
      />
      <RegistryTagsEditor
        tags={version.tags}
        testId="model-version-tags"
        label={`Tags of version ${version.version}`}
        readOnly={readOnly}
        onSet={(tag) => setTag.mutate({ name: modelName, version: version.version, ...tag })}
        onDelete={(key) => deleteTag.mutate({ name: modelName, version: version.version, key })}
      />
    </div>
  );
}
