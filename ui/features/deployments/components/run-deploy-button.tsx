"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { deploymentQueries } from "../queries";
import { DeployButton } from "./deploy-dialog";

/** The run page's Deploy: shown when a model logged by the run has registered versions. */
export function RunDeployButton({ runId }: { runId: string }) {
  const versions = useQuery(deploymentQueries.runModelVersions(runId));
  const list = versions.data?.versions.filter((v) => v.status === "READY") ?? [];
  const [chosen, setChosen] = useState(0);
  if (list.length === 0) return null;
  const current = list[Math.min(chosen, list.length - 1)] as (typeof list)[number];
  return (
    <span className="flex items-center gap-1" data-testid="run-deploy">
      {list.length > 1 ? (
        <select
          className="h-8 max-w-48 rounded-md border border-input bg-transparent px-2 text-xs"
          aria-label="Model version to deploy"
          value={chosen}
          onChange={(e) => setChosen(Number(e.target.value))}
        >
          {list.map((v, i) => (
            <option key={`${v.name}/${v.version}`} value={i}>
              {v.name} v{v.version}
            </option>
          ))}
        </select>
      ) : null}
      <DeployButton
        key={`${current.name}/${current.version}`}
        modelName={current.name}
        version={current.version}
        variant="outline"
      />
    </span>
  );
}
