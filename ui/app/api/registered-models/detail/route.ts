import { RegisteredModelDetail, RegisteredModelNameQuery } from "@/features/models";
import { getRegisteredModel } from "@/features/models/server";
import { withRoute } from "@/lib/http/route";

/** A registered model's page: `?name=` (a query parameter: a path segment could collide with this folder's fixed routes). */
export const GET = withRoute({
  query: RegisteredModelNameQuery,
  response: RegisteredModelDetail,
  handler: ({ query, mlflow, req }) => getRegisteredModel(mlflow, query.name, req.signal),
});

export const dynamic = "force-dynamic";
