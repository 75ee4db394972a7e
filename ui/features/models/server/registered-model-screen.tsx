import "server-only";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { MlflowNotFoundError } from "mltrack-sdk/mlflow";
import { currentSession } from "@/lib/auth";
import { mlflowFor } from "@/lib/mlflow";
import { getServerQueryClient } from "@/lib/query-client.server";
import { RegisteredModelView } from "../components/registered-model-view";
import { modelQueries } from "../queries";
import { getRegisteredModel } from "./get-registered-model";

export async function RegisteredModelScreen({ name }: { name: string }) {
  const queryClient = getServerQueryClient();
  const mlflow = mlflowFor(await currentSession());
  const model = await getRegisteredModel(mlflow, name).catch((err: unknown) => {
    if (err instanceof MlflowNotFoundError) notFound();
    throw err;
  });
  queryClient.setQueryData(modelQueries.detail(name).queryKey, model);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RegisteredModelView name={name} />
    </HydrationBoundary>
  );
}
