import { DeleteRegistryTagQuery, RegisteredModelDetail, SetRegistryTagBody } from "@/features/models";
import { deleteRegistryTag, setRegistryTag } from "@/features/models/server";
import { withRoute } from "@/lib/http/route";

/** Sets a tag on the registered model, or on a version with `version`: `{ name, version?, key, value }`. */
export const PUT = withRoute({
  permission: "EDIT",
  body: SetRegistryTagBody,
  response: RegisteredModelDetail,
  handler: ({ body, mlflow }) => setRegistryTag(mlflow, body),
});

/** Deletes a tag: `?name=...&key=...[&version=...]`. */
export const DELETE = withRoute({
  permission: "EDIT",
  query: DeleteRegistryTagQuery,
  response: RegisteredModelDetail,
  handler: ({ query, mlflow }) => deleteRegistryTag(mlflow, query),
});

export const dynamic = "force-dynamic";
