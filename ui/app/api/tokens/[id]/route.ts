import { ApiTokenIdParams, ApiTokenSummary } from "@/features/auth/schemas";
import { revokeApiToken } from "@/features/auth/server";
import { withRoute } from "@/lib/http/route";

/** Revokes one of the signed-in user's tokens: it answers 401 from then on. */
export const DELETE = withRoute({
  role: "viewer",
  params: ApiTokenIdParams,
  response: ApiTokenSummary,
  handler: ({ session, params }) => revokeApiToken(session, params.id),
});

export const dynamic = "force-dynamic";
