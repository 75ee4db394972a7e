import { z } from "zod";
import { ArtifactFileQuery, ModelIdParam, loggedModelSource } from "@/features/artifacts";
import { artifactFileResponse } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** A logged model artifact's bytes (`?path=`), with `download=1` as an attachment, `preview=1` the first MB only. */
export const GET = withRoute({
  params: z.object({ modelId: ModelIdParam }),
  query: ArtifactFileQuery,
  handler: ({ params, query, mlflow, req }) =>
    artifactFileResponse(mlflow, loggedModelSource(params.modelId), query, req.signal),
});

export const dynamic = "force-dynamic";
