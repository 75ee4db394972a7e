import { z } from "zod";
import { ExperimentLlmUsage } from "@/features/runs";
import { experimentLlmUsage } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

const Params = z.object({ experimentId: z.string().regex(/^\d+$/, "experiment ids are numeric") });

export const GET = withRoute({
  params: Params,
  response: ExperimentLlmUsage,
  handler: ({ params, mlflow }) => experimentLlmUsage(mlflow, params.experimentId),
});

export const dynamic = "force-dynamic";
