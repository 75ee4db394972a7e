import { withRoute } from "@/lib/http/route";

/** Liveness of the UI server itself, whatever MLflow's state (that is /api/status). */
export const GET = withRoute({ handler: () => ({ status: "ok" }) });

export const dynamic = "force-dynamic";
