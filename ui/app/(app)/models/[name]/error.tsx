"use client";

import { useQueryErrorResetBoundary } from "@tanstack/react-query";
import { ErrorState } from "@/components/error-state";

export default function RegisteredModelError({ error, reset }: { error: Error; reset: () => void }) {
  const queries = useQueryErrorResetBoundary();
  return (
    <ErrorState
      title="Could not load this registered model"
      error={error}
      onRetry={() => {
        queries.reset();
        reset();
      }}
    />
  );
}
