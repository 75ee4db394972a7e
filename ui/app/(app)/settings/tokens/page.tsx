import type { Metadata } from "next";
import { ApiTokensScreen } from "@/features/auth/server/api-tokens-screen";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default function ApiTokensPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="text-muted-foreground">
          A token lets the MLflow client, mltrack-sdk and the mltrack CLI act as you through this server.
        </p>
      </div>
      <ApiTokensScreen />
    </div>
  );
}
