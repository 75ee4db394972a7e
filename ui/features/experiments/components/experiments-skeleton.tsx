import { Skeleton } from "@/components/ui/skeleton";

export function ExperimentsSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading experiments" data-testid="experiments-loading">
      <Skeleton className="h-8 w-full" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
