import { z } from "zod";
import { parseRunsView } from "@/features/runs";
import { exportRunsCsv } from "@/features/runs/server";
import { withRoute, searchParamsObject } from "@/lib/http/route";

const Params = z.object({ experimentId: z.string().regex(/^\d+$/, "experiment ids are numeric") });

/** The view in the query string (as on the experiment page), every matching run, as a CSV download. */
export const GET = withRoute({
  params: Params,
  handler: ({ params, req, mlflow }) => {
    const view = parseRunsView(searchParamsObject(req.nextUrl.searchParams));
    const stream = exportRunsCsv(mlflow, params.experimentId, view);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="experiment-${params.experimentId}-runs.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});

export const dynamic = "force-dynamic";
