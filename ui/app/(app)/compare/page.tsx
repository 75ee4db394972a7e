import type { Metadata } from "next";
import { CompareScreen } from "@/features/compare/server/compare-screen";

export const metadata: Metadata = { title: "Compare runs" };
export const dynamic = "force-dynamic";

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Compare runs</h1>
      <CompareScreen searchParams={await searchParams} />
    </div>
  );
}
