import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { RunDetail } from "../schemas";

const TONE: Record<RunDetail["status"], string> = {
  RUNNING: "border-sky-500/40 text-sky-700 dark:text-sky-300",
  SCHEDULED: "border-muted-foreground/40 text-muted-foreground",
  FINISHED: "border-emerald-500/40 text-emerald-700 dark:text-emerald-300",
  FAILED: "border-destructive/50 text-destructive",
  KILLED: "border-amber-500/50 text-amber-700 dark:text-amber-300",
};

export function RunStatusBadge({ status, className }: { status: RunDetail["status"]; className?: string }) {
  return (
    <Badge variant="outline" className={cn(TONE[status], className)} data-testid="run-status" data-status={status}>
      {status === "RUNNING" ? <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden /> : null}
      {status}
    </Badge>
  );
}
