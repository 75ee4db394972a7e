"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PreviewNote } from "../preview-frame";
import { JsonTree } from "./json-tree";
import { TextBlock } from "./text-preview";

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** JSON as a foldable tree or pretty text; JSON that does not parse is shown as text with the error. */
export function JsonPreview({ text, truncated }: { text: string; truncated: boolean }) {
  const [view, setView] = useState<"tree" | "text">("tree");
  if (truncated) {
    return (
      <>
        <TextBlock text={text} />
        <PreviewNote>Only the first 1 MB is shown, as text: download the file for the rest.</PreviewNote>
      </>
    );
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return (
      <>
        <p className="border-b bg-destructive/10 px-3 py-2 text-xs text-destructive" data-testid="artifact-json-error">
          Not valid JSON: {parsed.error}
        </p>
        <TextBlock text={text} />
      </>
    );
  }
  return (
    <>
      <div className="flex gap-1 border-b px-3 py-1.5">
        <Button size="sm" variant={view === "tree" ? "secondary" : "ghost"} onClick={() => setView("tree")}>
          Tree
        </Button>
        <Button size="sm" variant={view === "text" ? "secondary" : "ghost"} onClick={() => setView("text")}>
          Text
        </Button>
      </div>
      {view === "tree" ? <JsonTree value={parsed.value} /> : <TextBlock text={JSON.stringify(parsed.value, null, 2)} />}
    </>
  );
}
