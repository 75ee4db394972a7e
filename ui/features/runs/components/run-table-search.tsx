"use client";

import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";

/** The search box above a run page table: labelled for screen readers, filtering as you type. */
export function RunTableSearch({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="relative w-full max-w-64">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search
        className="pointer-events-none absolute top-1/2 left-2 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input
        id={id}
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={label}
        className="h-8 pl-8"
      />
    </div>
  );
}

/** Rows rendered at most; a search narrows the rest down. */
export const RUN_TABLE_ROW_LIMIT = 500;

/** Case-insensitive substring match on any of the texts. */
export function matches(query: string, ...texts: string[]): boolean {
  const q = query.trim().toLowerCase();
  return q === "" || texts.some((text) => text.toLowerCase().includes(q));
}
