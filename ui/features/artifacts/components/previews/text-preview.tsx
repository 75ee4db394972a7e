"use client";

/** Text in a monospace block, wrapped lines kept as they are. */
export function TextBlock({ text, testId = "artifact-text" }: { text: string; testId?: string }) {
  return (
    <pre className="max-h-[70vh] overflow-auto p-3 font-mono text-xs leading-5 whitespace-pre" data-testid={testId}>
      {text}
    </pre>
  );
}
