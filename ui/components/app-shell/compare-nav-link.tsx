"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { MAX_COMPARED_RUNS } from "@/features/compare/search-params";
import { useRunSelection } from "@/features/runs/stores/run-selection";
import { cn } from "@/lib/utils";

/** Every ticked run of every experiment, in ticking order per experiment, as one comma-joined string. */
function selectedIds(): string {
  const { byExperiment } = useRunSelection.getState();
  return [...new Set(Object.values(byExperiment).flat())].slice(0, MAX_COMPARED_RUNS).join(",");
}

/**
 * "Compare" in the top bar: opens the runs ticked in every experiment's table together, and says how
 * many. The selection lives in the tab's session storage, which the server cannot see: the server
 * render (and hydration) shows none, then the browser's count.
 */
export function CompareNavLink() {
  const pathname = usePathname();
  const ids = useSyncExternalStore(useRunSelection.subscribe, selectedIds, () => "");
  const count = ids ? ids.split(",").length : 0;
  const active = pathname === "/compare";
  return (
    <Link
      href={count ? `/compare?runs=${ids}` : "/compare"}
      aria-current={active ? "page" : undefined}
      data-testid="nav-compare"
      className={cn(
        "flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm transition-colors hover:bg-accent hover:text-accent-foreground",
        active ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground",
      )}
    >
      Compare
      {count ? (
        <span
          className="rounded-full bg-primary px-1.5 text-xs font-medium text-primary-foreground tabular-nums"
          aria-label={`${count} run${count === 1 ? "" : "s"} selected`}
          data-testid="nav-compare-count"
        >
          {count}
        </span>
      ) : null}
    </Link>
  );
}
