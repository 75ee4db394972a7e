import { RegisteredModelListPage, RegisteredModelListQuery } from "@/features/models";
import { listRegisteredModels } from "@/features/models/server";
import { withRoute } from "@/lib/http/route";

/** One page of registered models by name, prompts left out: `q` (name contains), `pageToken`, `maxResults`. */
export const GET = withRoute({
  query: RegisteredModelListQuery,
  response: RegisteredModelListPage,
  handler: ({ query, mlflow, req }) => listRegisteredModels(mlflow, query, req.signal),
});

export const dynamic = "force-dynamic";
