"use client";

import { useQuery } from "@tanstack/react-query";
import { cn } from "@/lib/utils";
import { statusQueries } from "../queries";

type State = "checking" | "reachable" | "busy" | "unreachable" | "server-unreachable";

const DOT: Record<State, string> = {
  checking: "bg-muted-foreground/40",
  reachable: "bg-emerald-500",
  busy: "bg-amber-500",
  unreachable: "bg-destructive",
  "server-unreachable": "bg-destructive",
};

/** A dot and a label: MLflow's version when reachable, that it is busy, or what went wrong. */
export function MlflowStatusIndicator() {
  const { data, isPending, isError } = useQuery(statusQueries.mlflow());
  // A failed poll keeps the last data; the failure itself is what is current.
  const state: State = isPending
    ? "checking"
    : isError
      ? "server-unreachable"
      : !data.reachable
        ? "unreachable"
        : data.busy
          ? "busy"
          : "reachable";
  const label = {
    checking: "Checking MLflow…",
    reachable: `MLflow ${data?.version ?? ""}`,
    busy: `MLflow ${data?.version ?? ""} (busy)`,
    unreachable: "MLflow unreachable",
    "server-unreachable": "MLTrack server unreachable",
  }[state];
  const title =
    state === "reachable"
      ? `${data?.server} · ${data?.latencyMs} ms`
      : data && state !== "server-unreachable"
        ? `${data.server}: ${data.error}`
        : undefined;
  return (
    <div
      className="flex items-center gap-2 text-xs text-muted-foreground"
      title={title}
      role="status"
      aria-live="polite"
      data-testid="mlflow-status"
      data-state={state}
    >
      <span aria-hidden className={cn("size-2 rounded-full", DOT[state])} />
      <span>{label}</span>
    </div>
  );
}
