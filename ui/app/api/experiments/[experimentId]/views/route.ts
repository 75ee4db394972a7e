import { z } from "zod";
import { SavedView, SavedViewList, SavedViewName, SaveViewBody } from "@/features/runs";
import { deleteView, listSavedViews, saveView } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

const Params = z.object({ experimentId: z.string().regex(/^\d+$/, "experiment ids are numeric") });

export const GET = withRoute({
  params: Params,
  response: SavedViewList,
  handler: ({ params, mlflow }) => listSavedViews(mlflow, params.experimentId),
});

export const PUT = withRoute({
  permission: "EDIT",
  params: Params,
  body: SaveViewBody,
  response: SavedView,
  handler: ({ params, body, mlflow, session }) => saveView(mlflow, params.experimentId, body, session.user.name),
});

export const DELETE = withRoute({
  permission: "EDIT",
  params: Params,
  query: z.object({ name: SavedViewName }),
  handler: async ({ params, query, mlflow }) => {
    await deleteView(mlflow, params.experimentId, query.name);
    return new Response(null, { status: 204 });
  },
});

export const dynamic = "force-dynamic";
