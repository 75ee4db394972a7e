import { RegisteredModelDetail, UpdateDescriptionBody } from "@/features/models";
import { updateDescription } from "@/features/models/server";
import { withRoute } from "@/lib/http/route";

/** Sets the registered model's description, or a version's with `version`: `{ name, version?, description }`. */
export const PUT = withRoute({
  permission: "EDIT",
  body: UpdateDescriptionBody,
  response: RegisteredModelDetail,
  handler: ({ body, mlflow }) => updateDescription(mlflow, body),
});

export const dynamic = "force-dynamic";
