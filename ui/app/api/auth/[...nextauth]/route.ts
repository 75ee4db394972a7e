import { nextAuthRoute } from "@/features/auth/server";

/** next-auth's sign-in, callback, session and sign-out endpoints (team mode; local mode has none). */
export const { GET, POST } = nextAuthRoute();

export const dynamic = "force-dynamic";
