import { z } from "zod";
import { ArtifactFolderQuery, ModelCard, ModelIdParam, loggedModelSource } from "@/features/artifacts";
import { getModelCard } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** The model card of a logged model (its `MLmodel` file; `?path=` for a subfolder). */
export const GET = withRoute({
  params: z.object({ modelId: ModelIdParam }),
  query: ArtifactFolderQuery,
  response: ModelCard,
  handler: ({ params, query, mlflow, req }) =>
    getModelCard(mlflow, loggedModelSource(params.modelId), query.path, req.signal),
});

export const dynamic = "force-dynamic";
