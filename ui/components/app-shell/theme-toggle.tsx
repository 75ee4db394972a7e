"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/hooks/use-hydrated";

const NEXT = { system: "light", light: "dark", dark: "system" } as const;
const LABEL = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" } as const;

/** Cycles system → light → dark. The choice is kept in localStorage by next-themes. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const hydrated = useHydrated();
  // The stored choice is known only in the browser; render "system" until then.
  const current = hydrated && (theme === "light" || theme === "dark") ? theme : "system";
  const Icon = current === "light" ? Sun : current === "dark" ? Moon : Monitor;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`${LABEL[current]} (click for ${NEXT[current]})`}
      title={LABEL[current]}
      data-testid="theme-toggle"
      data-theme-choice={current}
      onClick={() => setTheme(NEXT[current])}
    >
      <Icon />
    </Button>
  );
}
