"use client";

import { LazyMarkdown as Markdown } from "@/components/lazy-markdown";
import { PreviewNote } from "../preview-frame";

export function MarkdownPreview({ text, truncated }: { text: string; truncated: boolean }) {
  return (
    <>
      <div className="max-h-[70vh] overflow-auto px-4 py-3" data-testid="artifact-markdown">
        <Markdown>{text}</Markdown>
      </div>
      {truncated ? <PreviewNote>Only the first 1 MB is shown: truncated, download for the rest.</PreviewNote> : null}
    </>
  );
}
