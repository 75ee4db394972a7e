import { Skeleton } from "@/components/ui/skeleton";

export function ModelsSkeleton() {
  return (
    <div className="space-y-2" aria-busy="true" aria-label="Loading registered models">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
