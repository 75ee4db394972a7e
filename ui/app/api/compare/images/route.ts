import { CompareImagesRequest, CompareImagesResponse } from "@/features/compare/images/schemas";
import { listStepImages } from "@/features/compare/server/list-step-images";
import { withRoute } from "@/lib/http/route";

/** The compared runs' per-step images in one artifact folder (found when `path` is null). */
export const POST = withRoute({
  body: CompareImagesRequest,
  response: CompareImagesResponse,
  handler: ({ body, mlflow, req }) => listStepImages(mlflow, body, req.signal),
});

export const dynamic = "force-dynamic";
