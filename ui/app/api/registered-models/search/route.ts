import { RegisteredModelNames, RegisteredModelSearchQuery } from "@/features/artifacts";
import { searchRegisteredModelNames } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** Registered model names containing `?name=` (case-insensitive), for the register dialog. */
export const GET = withRoute({
  query: RegisteredModelSearchQuery,
  response: RegisteredModelNames,
  handler: ({ query, mlflow, req }) => searchRegisteredModelNames(mlflow, query.name, req.signal),
});

export const dynamic = "force-dynamic";
