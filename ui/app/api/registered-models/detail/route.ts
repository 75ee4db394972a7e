import { z } from "zod";
import { RegisteredModelDetail } from "@/features/models";
import { getRegisteredModel } from "@/features/models/server";
import { withRoute } from "@/lib/http/route";

// The name travels as a query parameter: a path segment could collide with this folder's fixed routes.
const Query = z.object({
  name: z
    .string()
    .min(1)
    .max(500)
    .refine((name) => !/[/:]/.test(name), "Model names cannot contain '/' or ':'"),
});

export const GET = withRoute({
  query: Query,
  response: RegisteredModelDetail,
  handler: ({ query, mlflow }) => getRegisteredModel(mlflow, query.name),
});

export const dynamic = "force-dynamic";
