import { RegisterModelRequest, RegisterModelResult } from "@/features/artifacts";
import { registerModel } from "@/features/artifacts/server";
import { withRoute } from "@/lib/http/route";

/** Registers a logged model or a run's model folder as a new model version (creating the registered model). */
export const POST = withRoute({
  permission: "EDIT",
  body: RegisterModelRequest,
  response: RegisterModelResult,
  handler: ({ body, mlflow }) => registerModel(mlflow, body),
});

export const dynamic = "force-dynamic";
