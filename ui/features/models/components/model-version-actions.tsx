"use client";

import { CopyButton } from "@/components/copy-button";
import { DeployButton } from "@/features/deployments";

/** Actions on one model version, in its row of the versions table: copy its URI, deploy it. */
export function ModelVersionActions({ modelName, version }: { modelName: string; version: string }) {
  return (
    <span className="flex items-center gap-1" onClick={(event) => event.stopPropagation()}>
      <CopyButton value={`models:/${modelName}/${version}`} label={`Copy models:/${modelName}/${version}`} />
      <DeployButton modelName={modelName} version={version} variant="outline" />
    </span>
  );
}
