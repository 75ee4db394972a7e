import { Activity } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { Viewer } from "@/features/auth";
import { UserMenu } from "@/features/auth/components/user-menu";
import { CommandPalette } from "@/features/command-palette";
import { MlflowStatusIndicator } from "@/features/status";
import { CompareNavLink } from "./compare-nav-link";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "./theme-toggle";

/** The app's header; before sign-in (team mode) only the name and the theme toggle. */
export function AppHeader({ viewer }: { viewer: Viewer | null }) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/80 backdrop-blur supports-[backdrop-filter]:bg-background/60">
      <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-6 px-4">
        <Link href="/experiments" className="flex items-center gap-2 font-semibold">
          <Activity className="size-5 text-primary" aria-hidden />
          MLTrack
        </Link>
        {viewer ? (
          <>
            <nav className="flex items-center gap-1" aria-label="Main">
              <NavLink href="/experiments">Experiments</NavLink>
              <CompareNavLink />
              <NavLink href="/models">Models</NavLink>
              <NavLink href="/deployments">Deployments</NavLink>
            </nav>
            <CommandPalette />
          </>
        ) : null}
        <div className="ml-auto flex items-center gap-4">
          {viewer ? <MlflowStatusIndicator /> : null}
          <UserMenu />
          {viewer?.mode === "local" ? (
            <Badge variant="secondary" title="No sign-in: the UI listens on 127.0.0.1 only" data-testid="mode-badge">
              local mode
            </Badge>
          ) : null}
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
