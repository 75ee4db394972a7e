"use client";

import { useState } from "react";
import { compileRunFilter, type RunFilterSyntaxError } from "../filter";

/**
 * The runs search box: MLflow's filter grammar plus OR and parentheses. The filter is compiled here as
 * well as on the server, so a syntax error is shown at its place at once, without a round trip.
 */
export function RunFilterBox({ value, onApply }: { value: string; onApply: (filter: string) => void }) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<{ text: string; error: RunFilterSyntaxError } | null>(null);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const compiled = compileRunFilter(text);
    if (!compiled.ok) {
      setError({ text, error: compiled.error });
      return;
    }
    setError(null);
    onApply(text.trim());
  }

  return (
    <form onSubmit={apply} className="space-y-1" role="search">
      <input
        aria-label="Filter runs"
        data-testid="run-filter"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder='metrics.loss < 0.1 AND (params.model = "a" OR params.model = "b")'
        spellCheck={false}
        className="w-full rounded-md border bg-background px-3 py-2 font-mono text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        aria-invalid={error !== null}
        aria-describedby={error ? "run-filter-error" : undefined}
      />
      {error ? <FilterError id="run-filter-error" text={error.text} error={error.error} /> : null}
    </form>
  );
}

function FilterError({ id, text, error }: { id: string; text: string; error: RunFilterSyntaxError }) {
  const start = Math.min(error.offset, text.length);
  const end = Math.min(start + Math.max(error.length, 1), text.length + 1);
  return (
    <div id={id} role="alert" data-testid="run-filter-error" className="space-y-0.5 text-sm">
      <pre className="overflow-x-auto font-mono text-xs text-muted-foreground">
        {text.slice(0, start)}
        <mark data-testid="run-filter-error-span" className="rounded-sm bg-destructive/20 text-destructive underline">
          {text.slice(start, end) || " "}
        </mark>
        {text.slice(end)}
      </pre>
      <p className="text-destructive">
        Character {start + 1}: {error.message}
      </p>
    </div>
  );
}
