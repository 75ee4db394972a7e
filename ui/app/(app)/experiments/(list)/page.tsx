import type { Metadata } from "next";
import { ExperimentsScreen } from "@/features/experiments/server/experiments-screen";

export const metadata: Metadata = { title: "Experiments" };
export const dynamic = "force-dynamic";

export default async function ExperimentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Experiments</h1>
      <ExperimentsScreen searchParams={await searchParams} />
    </div>
  );
}
