import { z } from "zod";
import { ArtifactFolderQuery, ArtifactListing, RunIdParam, runSource } from "@/features/artifacts";
import { listArtifactDirectory } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** One folder of a run's artifacts (`?path=`, the root when absent). */
export const GET = withRoute({
  params: z.object({ runId: RunIdParam }),
  query: ArtifactFolderQuery,
  response: ArtifactListing,
  handler: ({ params, query, mlflow, req }) =>
    listArtifactDirectory(mlflow, runSource(params.runId), query.path, req.signal),
});

export const dynamic = "force-dynamic";
