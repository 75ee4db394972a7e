"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { ErrorState } from "@/components/error-state";

export default function ExperimentsError({ error, reset }: { error: Error; reset: () => void }) {
  const queries = useQueryErrorResetBoundary();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Experiments</h1>
      <ErrorState
        title="Could not load experiments"
        error={error}
        onRetry={() => {
          queries.reset();
          reset();
        }}
      />
    </div>
  );
}
