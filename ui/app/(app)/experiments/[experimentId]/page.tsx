import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExperimentHeading } from "@/features/experiments/server/experiment-heading";
import { RunsScreen } from "@/features/runs/server/runs-screen";

export const metadata: Metadata = { title: "Experiment" };
export const dynamic = "force-dynamic";

export default async function ExperimentPage({
  params,
  searchParams,
}: {
  params: Promise<{ experimentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { experimentId } = await params;
  if (!/^\d+$/.test(experimentId)) notFound();
  return (
    <div className="space-y-4">
      <ExperimentHeading experimentId={experimentId} />
      <RunsScreen experimentId={experimentId} searchParams={await searchParams} />
    </div>
  );
}
