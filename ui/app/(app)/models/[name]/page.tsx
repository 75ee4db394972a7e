import type { Metadata } from "next";
import { RegisteredModelScreen } from "@/features/models/server/registered-model-screen";

export const metadata: Metadata = { title: "Registered model" };
export const dynamic = "force-dynamic";

export default async function RegisteredModelPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <RegisteredModelScreen name={decodeURIComponent(name)} />;
}
