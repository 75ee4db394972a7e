/**
 * Who is asking. Local mode (the default) has one user, the person at this machine, with every right;
 * the UI binds to loopback. Team mode (MLTRACK_AUTH=team) signs everyone in: each request carries a
 * session cookie, an API token or MLflow credentials, its user's role must reach what the route needs,
 * and MLTrack calls MLflow as that user so MLflow's permissions decide the rest. Every route checks this
 * itself through its wrapper (withRoute, withDirectRoute) or currentSession(); nothing relies on middleware.
 */
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { hasRole, type Role, type Viewer } from "@/features/auth/roles";
import { resolveTeamIdentity, type TeamIdentity } from "@/features/auth/server/resolve-identity";
import { REQUEST_PATH_HEADER } from "./auth-headers";
import { env } from "./env";
import { AppError } from "./http/errors";

/** MLflow's permission levels, lowest first. */
export type Permission = "READ" | "EDIT" | "MANAGE";

export type Session =
  | { mode: "local"; user: { name: string }; role: "admin" }
  | ({ mode: "team"; user: { name: string } } & Omit<TeamIdentity, "name">);

const LOCAL_SESSION: Session = { mode: "local", user: { name: "local" }, role: "admin" };

/** The role a route needs by default: reading needs viewer, any change editor. */
export function roleFor(permission: Permission): Role {
  return permission === "READ" ? "viewer" : "editor";
}

/** The session of a route request, from its headers; throws an `AppError` (401, 403, 429) when it may not proceed. */
export async function authenticate(req: { headers: Headers }, role: Role): Promise<Session> {
  if (env.MLTRACK_AUTH === "local") return LOCAL_SESSION;
  const identity = await resolveTeamIdentity(req.headers);
  if (!hasRole(identity.role, role)) {
    throw new AppError(
      "PERMISSION_DENIED",
      `This needs the ${role} role; ${identity.name} has the ${identity.role} role`,
    );
  }
  const { name, ...rest } = identity;
  return { mode: "team", user: { name }, ...rest };
}

/**
 * The session of a server-rendered page. In team mode, no valid session sends the browser to sign in
 * (and back here afterwards); a role below `role` gets the 403 page (app/forbidden.tsx).
 */
export async function currentSession(role: Role = "viewer"): Promise<Session> {
  if (env.MLTRACK_AUTH === "local") return LOCAL_SESSION;
  const requestHeaders = await headers();
  try {
    return await authenticate({ headers: new Headers(requestHeaders) }, role);
  } catch (err) {
    if (err instanceof AppError && err.status === 401) {
      const back = requestHeaders.get(REQUEST_PATH_HEADER) ?? "/";
      redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
    }
    if (err instanceof AppError && err.status === 403) forbidden();
    throw err;
  }
}

/** The signed-in viewer of a page, or null (team mode, no valid session): for the shell and the sign-in page. */
export async function signedInViewer(): Promise<Viewer | null> {
  if (env.MLTRACK_AUTH === "local") return viewerOf(LOCAL_SESSION);
  try {
    return viewerOf(await authenticate({ headers: new Headers(await headers()) }, "viewer"));
  } catch (err) {
    if (err instanceof AppError && err.status === 401) return null;
    throw err;
  }
}

/** What the browser may know about the session: never its credentials. */
export function viewerOf(session: Session): Viewer {
  return { mode: session.mode, name: session.user.name, role: session.role };
}
