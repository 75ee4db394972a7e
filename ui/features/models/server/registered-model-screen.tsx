import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { MlflowNotFoundError, MlflowPermissionDeniedError } from "mltrack-sdk/mlflow";
import { Button } from "@/components/ui/button";
import { deploymentsHref } from "@/features/deployments";
import { currentSession } from "@/lib/auth";
import { AppError } from "@/lib/http/errors";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { RegisteredModelView } from "../components/registered-model-view";
import { modelQueries } from "../queries";
import { getRegisteredModel } from "./get-registered-model";

export async function RegisteredModelScreen({ name }: { name: string }) {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const model = await getRegisteredModel(mlflow, name).catch((err: unknown) => {
    // A missing model, or a prompt (not a model), is a 404 page.
    if (err instanceof MlflowNotFoundError) notFound();
    // Team mode: MLflow refuses what the user may not read.
    if (err instanceof MlflowPermissionDeniedError) forbidden();
    if (err instanceof AppError && err.code === "RESOURCE_DOES_NOT_EXIST") notFound();
    throw err;
  });
  queryClient.setQueryData(modelQueries.detail(name).queryKey, model);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RegisteredModelView
        name={name}
        headerActions={
          <Button asChild variant="outline" size="sm">
            <Link href={deploymentsHref(name)} data-testid="model-deployments-link">
              <Rocket /> Deployments
            </Link>
          </Button>
        }
      />
    </HydrationBoundary>
  );
}
