import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { MlflowNotFoundError, MlflowPermissionDeniedError } from "mltrack-sdk/mlflow";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";

/**
 * Answers an unknown run with a real 404 and a run of another experiment with a real redirect. It runs
 * in the run segment's layout, above `loading.tsx`: once the page streams its skeleton the status is
 * already sent, so a `notFound()` from the page itself would arrive as a 200.
 */
export async function RunRouteGate({
  experimentId,
  runId,
  children,
}: {
  experimentId: string;
  runId: string;
  children: ReactNode;
}) {
  if (!/^\d+$/.test(experimentId) || !/^[\w-]{1,256}$/.test(runId)) notFound();
  const mlflow = mlflowFor(await currentSession());
  const run = await mlflow.runs.get({ runId }).catch((err: unknown) => {
    if (err instanceof MlflowNotFoundError) notFound();
    // Team mode: MLflow refuses what the user may not read.
    if (err instanceof MlflowPermissionDeniedError) forbidden();
    throw err;
  });
  if (run.info.experimentId !== experimentId) redirect(`/experiments/${run.info.experimentId}/runs/${runId}`);
  return children;
}
