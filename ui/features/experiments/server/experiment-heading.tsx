import "server-only";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { toExperimentSummary } from "./list-experiments";

/** The experiment page's title: its name and note, or the 404 page when MLflow has no such experiment. */
export async function ExperimentHeading({ experimentId }: { experimentId: string }) {
  const mlflow = mlflowFor(await currentSession());
  const experiment = await mlflow.experiments.get({ experimentId }).catch((err: unknown) => {
    if (err instanceof MlflowNotFoundError) notFound();
    throw err;
  });
  const summary = toExperimentSummary(experiment);
  return (
    <div className="space-y-1">
      <nav className="text-sm text-muted-foreground">
        <Link href="/experiments" className="hover:underline">
          Experiments
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight" data-testid="experiment-name">
        {summary.name}
      </h1>
      {summary.description ? <p className="text-sm text-muted-foreground">{summary.description}</p> : null}
    </div>
  );
}
