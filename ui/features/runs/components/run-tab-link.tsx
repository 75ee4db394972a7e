"use client";

import type { MouseEvent, ReactNode } from "react";
import type { RunTab } from "./run-page-view";

/**
 * A link to another tab of this run's page. Like the tab list, a plain click changes the URL through
 * the history API (no server render); modified clicks open the address as usual.
 */
export function RunTabLink({ tab, children, className }: { tab: RunTab; children: ReactNode; className?: string }) {
  const href = tab === "overview" ? "?" : `?tab=${tab}`;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    window.history.pushState(null, "", `${window.location.pathname}${tab === "overview" ? "" : `?tab=${tab}`}`);
    window.scrollTo({ top: 0 });
  };
  return (
    <a href={href} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
