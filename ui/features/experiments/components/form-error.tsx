import { AlertTriangle } from "lucide-react";

/** Why a submission failed, in MLflow's or MLTrack's words, shown as text. */
export function FormError({ error, testId }: { error: Error; testId?: string }) {
  return (
    <p role="alert" data-testid={testId} className="flex items-start gap-2 text-sm break-words text-destructive">
      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{error.message || "Something went wrong."}</span>
    </p>
  );
}
