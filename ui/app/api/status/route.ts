import { getMlflowStatus } from "@/features/status/server";
import { MlflowStatus } from "@/features/status/schemas";
import { withRoute } from "@/lib/http/route";

export const GET = withRoute({
  response: MlflowStatus,
  handler: ({ mlflow }) => getMlflowStatus(mlflow),
});

export const dynamic = "force-dynamic";
