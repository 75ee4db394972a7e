"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";
import { getBrowserQueryClient, makeQueryClient } from "@/lib/query-client";

export function Providers({ children, nonce }: { children: ReactNode; nonce: string | undefined }) {
  // On the server each render gets its own client; in the browser one lives as long as the tab.
  const queryClient = typeof window === "undefined" ? makeQueryClient() : getBrowserQueryClient();
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <QueryClientProvider client={queryClient}>
        <TooltipProvider>
          {children}
          <Toaster position="bottom-right" />
        </TooltipProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
