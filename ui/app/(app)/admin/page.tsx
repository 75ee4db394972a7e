import type { Metadata } from "next";
import { AdminScreen } from "@/features/admin/server/admin-screen";

export const metadata: Metadata = { title: "Users and permissions" };
export const dynamic = "force-dynamic";

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Users and permissions</h1>
      <AdminScreen searchParams={await searchParams} />
    </div>
  );
}
