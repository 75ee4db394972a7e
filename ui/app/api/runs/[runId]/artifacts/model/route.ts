import { z } from "zod";
import { ArtifactFolderQuery, ModelCard, RunIdParam, runSource } from "@/features/artifacts";
import { getModelCard } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** The model card of a run artifact folder holding an `MLmodel` file (`?path=`). */
export const GET = withRoute({
  params: z.object({ runId: RunIdParam }),
  query: ArtifactFolderQuery,
  response: ModelCard,
  handler: ({ params, query, mlflow, req }) => getModelCard(mlflow, runSource(params.runId), query.path, req.signal),
});

export const dynamic = "force-dynamic";
