"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

const LONG_CHARS = 240;
const LONG_LINES = 4;

/** Untrusted text, wrapped; past a few lines it is clamped with a button to show it all. */
export function RunLongText({ text, className }: { text: string; className?: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > LONG_CHARS || text.split("\n").length > LONG_LINES;
  return (
    <div className={cn("min-w-0", className)}>
      <div className={cn("whitespace-pre-wrap [overflow-wrap:anywhere]", long && !expanded && "line-clamp-3")}>
        {text === "" ? <span className="text-muted-foreground italic">empty</span> : text}
      </div>
      {long ? (
        <Button
          type="button"
          variant="link"
          size="sm"
          className="h-auto p-0 text-xs"
          aria-expanded={expanded}
          onClick={() => setExpanded((open) => !open)}
        >
          {expanded ? "Show less" : `Show all ${text.length.toLocaleString("en-US")} characters`}
        </Button>
      ) : null}
    </div>
  );
}
