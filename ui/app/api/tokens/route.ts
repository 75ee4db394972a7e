import { ApiTokenList, CreateApiTokenBody, CreatedApiToken } from "@/features/auth/schemas";
import { createApiToken, listApiTokens } from "@/features/auth/server";
import { withRoute } from "@/lib/http/route";

/** The signed-in user's API tokens (team mode), newest first. */
export const GET = withRoute({
  response: ApiTokenList,
  handler: async ({ session }) => ({ tokens: await listApiTokens(session) }),
});

/** A new token for the signed-in user: the token is in this answer only. Any role may have tokens. */
export const POST = withRoute({
  role: "viewer",
  body: CreateApiTokenBody,
  response: CreatedApiToken,
  handler: ({ session, body }) => createApiToken(session, body),
});

export const dynamic = "force-dynamic";
