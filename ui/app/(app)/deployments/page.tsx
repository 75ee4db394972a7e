import type { Metadata } from "next";
import { DeploymentsScreen } from "@/features/deployments/server";

export const metadata: Metadata = { title: "Deployments" };
export const dynamic = "force-dynamic";

export default async function DeploymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Deployments</h1>
      <DeploymentsScreen searchParams={await searchParams} />
    </div>
  );
}
