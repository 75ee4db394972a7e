import { z } from "zod";
import { RunDetail } from "@/features/runs";
import { getRunDetail } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

const Params = z.object({ runId: z.string().regex(/^[\w-]{1,256}$/, "not a run id") });

export const GET = withRoute({
  params: Params,
  response: RunDetail,
  handler: ({ params, mlflow }) => getRunDetail(mlflow, params.runId),
});

export const dynamic = "force-dynamic";
