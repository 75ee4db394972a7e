import type { ReactNode } from "react";
import { currentSession } from "@/lib/auth";

/** Every page of the app needs a session (team mode: sign-in first); each screen checks again for its data. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  await currentSession();
  return children;
}
