"use client";

import { XIcon } from "lucide-react";
import type { CompareView } from "../search-params";

/**
 * The charts shown, one per metric key: remove one with its ×, add one from every key the runs logged.
 * Before any is chosen the first common keys are shown (and the URL stays short).
 */
export function OverlayKeyPicker({
  view,
  shownKeys,
  allKeys,
  onChange,
}: {
  view: CompareView;
  shownKeys: readonly string[];
  allKeys: readonly string[];
  onChange: (next: CompareView, mode?: "push" | "replace") => void;
}) {
  const addable = allKeys.filter((key) => !shownKeys.includes(key));
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="overlay-key-picker">
      <span className="text-muted-foreground">
        {view.metricKeys.length ? "Charts:" : "Charts (first common metrics):"}
      </span>
      {shownKeys.map((key) => (
        <span key={key} className="inline-flex items-center gap-1 rounded-md border bg-muted/40 px-1.5 py-0.5">
          <span className="max-w-60 truncate" title={key}>
            {key}
          </span>
          <button
            type="button"
            aria-label={`Remove the ${key} chart`}
            className="rounded-sm text-muted-foreground hover:text-foreground"
            onClick={() => onChange({ ...view, metricKeys: shownKeys.filter((k) => k !== key) }, "push")}
          >
            <XIcon className="size-3" />
          </button>
        </span>
      ))}
      {addable.length ? (
        <select
          aria-label="Add a metric chart"
          className="h-7 rounded-md border border-input bg-background px-1.5 text-xs"
          value=""
          onChange={(event) =>
            event.target.value && onChange({ ...view, metricKeys: [...shownKeys, event.target.value] }, "push")
          }
        >
          <option value="">Add a chart…</option>
          {addable.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
