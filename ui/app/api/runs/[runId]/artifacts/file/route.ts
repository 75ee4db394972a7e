import { z } from "zod";
import { ArtifactFileQuery, RunIdParam, runSource } from "@/features/artifacts";
import { artifactFileResponse } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** A run artifact's bytes (`?path=`), with `download=1` as an attachment, `preview=1` the first MB only. */
export const GET = withRoute({
  params: z.object({ runId: RunIdParam }),
  query: ArtifactFileQuery,
  handler: ({ params, query, mlflow, req }) => artifactFileResponse(mlflow, runSource(params.runId), query, req.signal),
});

export const dynamic = "force-dynamic";
