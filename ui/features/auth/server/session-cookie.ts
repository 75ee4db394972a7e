/**
 * The signed-in session as next-auth keeps it: an encrypted JWT (JWE, A256GCM, key derived from
 * NEXTAUTH_SECRET) in an httpOnly cookie. Read here from the Cookie header alone, so every route (Next's
 * and the custom server's direct ones) authenticates the same way. The browser cannot read or forge it,
 * which is why it may carry the user's MLflow password.
 */
import "server-only";
import { decode } from "next-auth/jwt";
import { z } from "zod";
import { env } from "@/lib/env";

/** What MLTrack puts in the session token at sign-in (next-auth-options.ts). */
export const SessionClaims = z.object({
  name: z.string().min(1),
  source: z.enum(["mlflow", "github"]),
  mlflowPassword: z.string().min(1),
});
export type SessionClaims = z.infer<typeof SessionClaims>;

/** next-auth's cookie: `__Secure-` prefixed when MLTrack is served over https. */
export function sessionCookieName(): string {
  const secure = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The cookie's value, joined from next-auth's `.0`, `.1`... chunks when it was too large for one. */
function sessionCookieValue(cookies: Map<string, string>): string | null {
  const name = sessionCookieName();
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) as string);
  return chunks.length > 0 ? chunks.join("") : null;
}

/**
 * The session's claims, or null when there is no session cookie. A cookie that does not decrypt, has
 * expired or lacks MLTrack's claims is `invalid`: the caller answers 401 as for no cookie.
 */
export async function readSessionCookie(cookieHeader: string | null): Promise<SessionClaims | "invalid" | null> {
  const value = sessionCookieValue(parseCookies(cookieHeader));
  if (!value) return null;
  try {
    const payload = await decode({ token: value, secret: env.NEXTAUTH_SECRET ?? "" });
    const claims = SessionClaims.safeParse(payload);
    return claims.success ? claims.data : "invalid";
  } catch {
    return "invalid";
  }
}
