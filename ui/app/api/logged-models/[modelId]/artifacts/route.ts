import { z } from "zod";
import { ArtifactFolderQuery, ArtifactListing, ModelIdParam, loggedModelSource } from "@/features/artifacts";
import { listArtifactDirectory } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** One folder of a logged model's artifacts (`?path=`, the root when absent). */
export const GET = withRoute({
  params: z.object({ modelId: ModelIdParam }),
  query: ArtifactFolderQuery,
  response: ArtifactListing,
  handler: ({ params, query, mlflow, req }) =>
    listArtifactDirectory(mlflow, loggedModelSource(params.modelId), query.path, req.signal),
});

export const dynamic = "force-dynamic";
