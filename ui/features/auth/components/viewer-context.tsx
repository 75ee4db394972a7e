"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole, type Role, type Viewer } from "../roles";

const ViewerContext = createContext<Viewer | null>(null);

/** Who is signed in (null on the sign-in page), from the root layout's session. */
export function ViewerProvider({ viewer, children }: { viewer: Viewer | null; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}

/**
 * Whether the signed-in person's role reaches `role`: the UI hides what they cannot do (every route
 * refuses it anyway). Local mode's one user has every role.
 */
export function useHasRole(role: Role): boolean {
  const viewer = useContext(ViewerContext);
  return viewer !== null && hasRole(viewer.role, role);
}
