"use client";

import { useQuery } from "@tanstack/react-query";
import { cn } from "@/lib/utils";
import { statusQueries } from "../queries";

/** A dot and a label: MLflow's version when reachable, what went wrong when not. */
export function MlflowStatusIndicator() {
  const { data, isPending, isError } = useQuery(statusQueries.mlflow());
  const reachable = data?.reachable === true;
  const label = isPending
    ? "Checking MLflow…"
    : reachable
      ? `MLflow ${data.version}`
      : isError
        ? "MLTrack server unreachable"
        : "MLflow unreachable";
  const title = data
    ? reachable
      ? `${data.server} · ${data.latencyMs} ms`
      : `${data.server}: ${data.error}`
    : undefined;
  return (
    <div
      className="flex items-center gap-2 text-xs text-muted-foreground"
      title={title}
      role="status"
      aria-live="polite"
      data-testid="mlflow-status"
      data-state={isPending ? "checking" : reachable ? "reachable" : "unreachable"}
    >
      <span
        aria-hidden
        className={cn(
          "size-2 rounded-full",
          isPending ? "bg-muted-foreground/40" : reachable ? "bg-emerald-500" : "bg-destructive",
        )}
      />
      <span>{label}</span>
    </div>
  );
}
