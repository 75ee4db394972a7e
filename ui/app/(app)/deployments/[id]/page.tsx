import type { Metadata } from "next";
import { DeploymentScreen } from "@/features/deployments/server";

export const metadata: Metadata = { title: "Deployment" };
export const dynamic = "force-dynamic";

export default async function DeploymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeploymentScreen id={id} />;
}
