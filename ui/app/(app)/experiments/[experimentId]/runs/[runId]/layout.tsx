import type { ReactNode } from "react";
import { RunRouteGate } from "@/features/runs/server/run-route-gate";

export default async function RunLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; runId: string }>;
}) {
  const { experimentId, runId } = await params;
  return (
    <RunRouteGate experimentId={experimentId} runId={runId}>
      {children}
    </RunRouteGate>
  );
}
