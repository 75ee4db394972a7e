import { RunSkeleton } from "@/features/runs";

export default function Loading() {
  return <RunSkeleton />;
}
