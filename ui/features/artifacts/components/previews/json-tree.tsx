"use client";

/** JSON as a tree of `<details>`: objects and arrays fold, the first two levels start open. */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Children listed per object or array; the rest is counted, and shown in the raw view. */
const MAX_CHILDREN = 500;

function Scalar({ value }: { value: Json }) {
  if (typeof value === "string")
    return <span className="break-all text-emerald-700 dark:text-emerald-400">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-sky-700 dark:text-sky-400">{String(value)}</span>;
  return <span className="text-violet-700 dark:text-violet-400">{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: Json; depth: number }) {
  const label = name === null ? null : <span className="text-foreground">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <details open={depth < 2} className="pl-4 [&[open]>summary_.summary-count]:hidden">
      <summary className="cursor-pointer select-none marker:text-muted-foreground">
        {label}
        {open}
        <span className="summary-count text-muted-foreground">
          {" "}
          {entries.length} {Array.isArray(value) ? "items" : "keys"} {close}
        </span>
      </summary>
      {entries.slice(0, MAX_CHILDREN).map(([key, child]) => (
        <Node key={key} name={Array.isArray(value) ? null : JSON.stringify(key)} value={child} depth={depth + 1} />
      ))}
      {entries.length > MAX_CHILDREN ? (
        <div className="pl-4 text-muted-foreground">… {entries.length - MAX_CHILDREN} more</div>
      ) : null}
      <div>{close}</div>
    </details>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="max-h-[70vh] overflow-auto py-3 pr-3 font-mono text-xs leading-5" data-testid="artifact-json">
      <Node name={null} value={value as Json} depth={0} />
    </div>
  );
}
