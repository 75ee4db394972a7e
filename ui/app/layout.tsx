import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-shell/app-header";
import { MlflowUnreachableBanner } from "@/features/status";
import { signedInViewer } from "@/lib/auth";
import { NONCE_HEADER } from "@/lib/http/security-headers";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MLTrack", template: "%s · MLTrack" },
  description: "Experiment tracking over MLflow: browse, compare and deploy.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await signedInViewer();
  // The request's CSP nonce (set by server.ts), for the one inline script MLTrack adds: next-themes'.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // next-themes sets the theme class on <html> before hydration.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen">
        <Providers nonce={nonce} viewer={viewer}>
          <AppHeader viewer={viewer} />
          {viewer ? <MlflowUnreachableBanner /> : null}
          <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
