"use client";

import { useSyncExternalStore } from "react";
import { formatDuration } from "./cells";

const everySecond = (onTick: () => void) => {
  const id = setInterval(onTick, 1000);
  return () => clearInterval(id);
};
const never = () => () => {};
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;
const noClockOnServer = () => null;

/**
 * How long the run took. A RUNNING run without an end time counts up live (after hydration, so the
 * server's and the browser's first renders agree); any other run without one has no duration.
 */
export function RunDuration({
  startTime,
  endTime,
  running,
}: {
  startTime: number | null;
  endTime: number | null;
  running: boolean;
}) {
  const live = running && startTime !== null && endTime === null;
  const now = useSyncExternalStore(live ? everySecond : never, live ? currentSecond : noClockOnServer, noClockOnServer);
  if (startTime === null || (endTime === null && !live)) return <span className="text-muted-foreground">—</span>;
  const end = endTime ?? now;
  // Before hydration there is no clock both renders agree on.
  if (end === null) return <span className="text-muted-foreground">…</span>;
  return (
    <span className="tabular-nums" data-live={live ? "" : undefined}>
      {formatDuration(Math.max(0, end - startTime))}
    </span>
  );
}
