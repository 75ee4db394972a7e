"use client";

import { useQuery } from "@tanstack/react-query";
import { ServerCrash } from "lucide-react";
import { statusQueries } from "../queries";

/**
 * A bar under the header while MLflow (or MLTrack's own server) cannot be reached. It shows and clears
 * by itself from the status poll; nothing needs a reload.
 */
export function MlflowUnreachableBanner() {
  const { data, isError } = useQuery(statusQueries.mlflow());
  // A busy MLflow (connected, slow to answer) is not down: no banner for it.
  if (!isError && data?.reachable !== false) return null;
  const what = isError ? "MLTrack's server cannot be reached" : `MLflow at ${data?.server} cannot be reached`;
  return (
    <div
      role="alert"
      data-testid="mlflow-unreachable-banner"
      className="border-b border-destructive/30 bg-destructive/10 text-sm text-destructive"
    >
      <div className="mx-auto flex max-w-screen-2xl items-center gap-2 px-4 py-2">
        <ServerCrash className="size-4 shrink-0" aria-hidden />
        <span>
          <strong className="font-medium">{what}.</strong> Pages show what they last loaded; changes cannot be saved.
          This clears by itself when it is back.
          {data?.error ? <span className="ml-1 opacity-80">({data.error})</span> : null}
        </span>
      </div>
    </div>
  );
}
