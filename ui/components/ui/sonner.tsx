"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner, type ToasterProps } from "sonner";

/** Toasts for the outcome of a mutation (saved, failed and why); themed with the app. */
function Toaster(props: ToasterProps) {
  const { theme = "system" } = useTheme();
  return <Sonner theme={theme as ToasterProps["theme"]} className="toaster group" richColors closeButton {...props} />;
}

export { Toaster };
