import { ExperimentsSkeleton } from "@/features/experiments";

export default function Loading() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Experiments</h1>
      <ExperimentsSkeleton />
    </div>
  );
}
