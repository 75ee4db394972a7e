import type { DeploymentStatus } from "mltrack-sdk/deploy-config";
import { cn } from "@/lib/utils";

const TONES: Record<DeploymentStatus, string> = {
  pending: "bg-muted text-muted-foreground",
  building: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  starting: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  ready: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  failed: "bg-destructive/15 text-destructive",
  stopping: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  stopped: "bg-muted text-muted-foreground",
};

/** The deployment's health as its status says it. */
export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return (
    <span
      className={cn("inline-flex rounded-md px-2 py-0.5 text-xs font-medium", TONES[status])}
      data-testid="deployment-status"
      data-status={status}
    >
      {status}
    </span>
  );
}
