import { DeleteModelAliasQuery, RegisteredModelDetail, SetModelAliasBody } from "@/features/models";
import { deleteModelAlias, setModelAlias } from "@/features/models/server";
import { withRoute } from "@/lib/http/route";

/** Points an alias at a version, `{ name, alias, version }`; an alias already on another version moves. */
export const PUT = withRoute({
  permission: "EDIT",
  body: SetModelAliasBody,
  response: RegisteredModelDetail,
  handler: ({ body, mlflow }) => setModelAlias(mlflow, body),
});

/** Deletes an alias: `?name=...&alias=...`. */
export const DELETE = withRoute({
  permission: "EDIT",
  query: DeleteModelAliasQuery,
  response: RegisteredModelDetail,
  handler: ({ query, mlflow }) => deleteModelAlias(mlflow, query),
});

export const dynamic = "force-dynamic";
