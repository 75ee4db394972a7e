"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";
import { Toaster } from "@/components/ui/sonner";
import { ViewerProvider, type Viewer } from "@/features/auth";
import { TooltipProvider } from "@/components/ui/tooltip";
import { getBrowserQueryClient, makeQueryClient } from "@/lib/query-client";

export function Providers({
  children,
  nonce,
  viewer,
}: {
  children: ReactNode;
  nonce: string | undefined;
  viewer: Viewer | null;
}) {
  // On the server each render gets its own client; in the browser one lives as long as the tab.
  const queryClient = typeof window === "undefined" ? makeQueryClient() : getBrowserQueryClient();
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <QueryClientProvider client={queryClient}>
        <ViewerProvider viewer={viewer}>
          <TooltipProvider>
            {children}
            <Toaster position="bottom-right" />
          </TooltipProvider>
        </ViewerProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
