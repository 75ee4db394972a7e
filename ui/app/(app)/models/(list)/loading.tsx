import { ModelsSkeleton } from "@/features/models";

export default function Loading() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
      <ModelsSkeleton />
    </div>
  );
}
