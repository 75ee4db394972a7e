"use client";

import { Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { MAX_MODEL_QUERY_LENGTH } from "../search-params";

const SEARCH_DEBOUNCE_MS = 300;

/** The name search: as the user types (debounced) and on Enter; a search changed from outside (Back) replaces the text. */
export function ModelSearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [urlValue, setUrlValue] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  if (value !== urlValue) {
    setUrlValue(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (next: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (next.trim() !== value) onSearch(next.trim());
    }, delay);
  };

  return (
    <div className="relative w-full max-w-sm" role="search">
      <Search
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <input
        type="text"
        aria-label="Search registered models by name"
        data-testid="model-search"
        value={text}
        placeholder="Search by name"
        spellCheck={false}
        autoComplete="off"
        maxLength={MAX_MODEL_QUERY_LENGTH}
        onChange={(event) => {
          setText(event.target.value);
          search(event.target.value, SEARCH_DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") search(text, 0);
          if (event.key === "Escape" && text) {
            setText("");
            search("", 0);
          }
        }}
        className="h-9 w-full rounded-md border bg-background pr-8 pl-8 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      />
      {text ? (
        <button
          type="button"
          aria-label="Clear search"
          className="absolute top-1/2 right-2 -translate-y-1/2 text-muted-foreground hover:text-foreground"
          onClick={() => {
            setText("");
            search("", 0);
          }}
        >
          <X className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
