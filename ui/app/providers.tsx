"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getBrowserQueryClient, makeQueryClient } from "@/lib/query-client";

export function Providers({ children }: { children: ReactNode }) {
  // On the server each render gets its own client; in the browser one lives as long as the tab.
  const queryClient = typeof window === "undefined" ? makeQueryClient() : getBrowserQueryClient();
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
