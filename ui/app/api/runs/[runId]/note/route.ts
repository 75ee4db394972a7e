import { RunIdParams, RunMutationResult, SetRunNoteBody } from "@/features/runs";
import { setRunNote } from "@/features/runs/server";
import { withRoute } from "@/lib/http/route";

/** Writes the run's description (`mlflow.note.content`, Markdown): `{ content }`; empty removes it. */
export const PUT = withRoute({
  permission: "EDIT",
  params: RunIdParams,
  body: SetRunNoteBody,
  response: RunMutationResult,
  handler: async ({ params, body, mlflow }) => {
    await setRunNote(mlflow, params.runId, body.content);
    return {};
  },
});

export const dynamic = "force-dynamic";
