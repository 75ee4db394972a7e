/**
 * Who is asking. Local mode (the default) has one user, the person at this machine, and the UI binds
 * to 127.0.0.1. Team mode replaces `authenticate`: every route already calls it through `withRoute`.
 */
import "server-only";

/** MLflow's permission levels, lowest first. */
export type Permission = "READ" | "EDIT" | "MANAGE";

export interface Session {
  mode: "local";
  user: { name: string };
}

const LOCAL_SESSION: Session = { mode: "local", user: { name: "local" } };

/** The session of a route request; throws an `AppError` (401/403) when it may not proceed. */
export async function authenticate(_req: Request, _permission: Permission): Promise<Session> {
  return LOCAL_SESSION;
}

/** The session of a server-rendered page. */
export async function currentSession(): Promise<Session> {
  return LOCAL_SESSION;
}
