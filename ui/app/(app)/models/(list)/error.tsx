"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { ErrorState } from "@/components/error-state";

export default function ModelsError({ error, reset }: { error: Error; reset: () => void }) {
  const queries = useQueryErrorResetBoundary();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Models</h1>
      <ErrorState
        title="Could not load registered models"
        error={error}
        onRetry={() => {
          queries.reset();
          reset();
        }}
      />
    </div>
  );
}
