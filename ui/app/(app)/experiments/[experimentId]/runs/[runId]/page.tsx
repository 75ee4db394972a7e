import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunScreen } from "@/features/runs/server/run-screen";

export const metadata: Metadata = { title: "Run" };
export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ experimentId: string; runId: string }> }) {
  const { experimentId, runId } = await params;
  if (!/^\d+$/.test(experimentId) || !/^[\w-]{1,256}$/.test(runId)) notFound();
  return <RunScreen experimentId={experimentId} runId={runId} />;
}
