import type { Metadata } from "next";
import { ModelsScreen } from "@/features/models/server/models-screen";

export const metadata: Metadata = { title: "Models" };
export const dynamic = "force-dynamic";

export default async function ModelsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
      <ModelsScreen searchParams={await searchParams} />
    </div>
  );
}
