"use client";

import { useHydrated } from "@/hooks/use-hydrated";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `YYYY-MM-DD HH:mm` in the viewer's time zone (UTC until hydrated, so server and client agree). */
export function formatTimestamp(ms: number, local: boolean): string {
  const d = new Date(ms);
  const [y, mo, day, h, mi] = local
    ? [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
    : [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  return `${y}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(mi)}${local ? "" : " UTC"}`;
}

export function Timestamp({ ms }: { ms: number | null }) {
  const hydrated = useHydrated();
  if (ms === null) return <span className="text-muted-foreground">—</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={iso} className="tabular-nums">
      {formatTimestamp(ms, hydrated)}
    </time>
  );
}
