import { Skeleton } from "@/components/ui/skeleton";

export function RunSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading run" data-testid="run-loading">
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-8 w-96" />
      <Skeleton className="h-9 w-80" />
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-64 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    </div>
  );
}
