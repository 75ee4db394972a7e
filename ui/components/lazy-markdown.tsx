"use client";

import dynamic from "next/dynamic";

/**
 * `Markdown`, rendered on the server as usual, whose parser (~45 KB of script) the browser fetches only
 * on pages that show some Markdown: a page without a note or description does not pay for it.
 */
export const LazyMarkdown = dynamic(() => import("./markdown").then((m) => m.Markdown), {
  loading: () => null,
});
