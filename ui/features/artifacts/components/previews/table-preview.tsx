"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { parseDelimited, toTable } from "../../csv";
import { TABLE_PREVIEW_ROWS } from "../../file-kinds";
import { PreviewNote } from "../preview-frame";

const ROW_HEIGHT = 28;

/** CSV or TSV as a table: the header row, then up to TABLE_PREVIEW_ROWS rows, only visible rows mounted. */
export function TablePreview({
  text,
  delimiter,
  truncated,
}: {
  text: string;
  delimiter: "," | "\t";
  truncated: boolean;
}) {
  const parsed = useMemo(
    () => parseDelimited(text, { delimiter, maxRecords: TABLE_PREVIEW_ROWS + 1, partial: truncated }),
    [text, delimiter, truncated],
  );
  const { header, rows } = useMemo(() => toTable(parsed.records), [parsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back functions the React Compiler cannot memoize; this table does not need it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  if (header.length === 0) return <PreviewNote>The file is empty.</PreviewNote>;
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <>
      <div ref={scrollRef} className="max-h-[70vh] overflow-auto" data-testid="artifact-table">
        <table className="w-max min-w-full border-collapse font-mono text-xs">
          <thead className="sticky top-0 z-10 bg-muted">
            <tr>
              <th className="border-r border-b px-2 py-1.5 text-right font-normal text-muted-foreground">#</th>
              {header.map((name, i) => (
                <th key={i} className="border-r border-b px-2 py-1.5 text-left font-semibold whitespace-pre">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {top > 0 ? <tr style={{ height: top }} aria-hidden /> : null}
            {items.map((item) => (
              <tr key={item.key} style={{ height: ROW_HEIGHT }} className="border-b hover:bg-muted/50">
                <td className="border-r px-2 text-right text-muted-foreground tabular-nums">{item.index + 1}</td>
                {(rows[item.index] ?? []).map((cell, i) => (
                  <td key={i} className="max-w-[40ch] truncate border-r px-2 whitespace-pre" title={cell}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
            {bottom > 0 ? <tr style={{ height: bottom }} aria-hidden /> : null}
          </tbody>
        </table>
      </div>
      <PreviewNote>
        {rows.length.toLocaleString("en-US")} rows × {header.length} columns
        {parsed.truncated
          ? truncated
            ? " from the first 1 MB: truncated, download for the rest."
            : `: only the first ${TABLE_PREVIEW_ROWS.toLocaleString("en-US")} rows are shown, download for the rest.`
          : ""}
      </PreviewNote>
    </>
  );
}
