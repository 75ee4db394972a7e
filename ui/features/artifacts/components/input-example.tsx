"use client";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InputExampleView } from "../schemas";
import { TextBlock } from "./previews/text-preview";

export function InputExample({ example }: { example: InputExampleView }) {
  if (example.kind === "unavailable") return <p className="text-sm text-muted-foreground">{example.reason}</p>;
  if (example.kind === "json") {
    return (
      <div className="rounded-md border" data-testid="input-example">
        <TextBlock text={example.text} testId="input-example-json" />
        {example.truncated ? <p className="px-3 pb-2 text-xs text-muted-foreground">Truncated.</p> : null}
      </div>
    );
  }
  return (
    <div className="space-y-1" data-testid="input-example">
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              {example.columns.map((column, i) => (
                <TableHead key={i} className="font-mono text-xs">
                  {column}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {example.rows.map((row, r) => (
              <TableRow key={r}>
                {row.map((cell, c) => (
                  <TableCell key={c} className="font-mono text-xs">
                    {cell}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {example.totalRows > example.rows.length ? (
        <p className="text-xs text-muted-foreground">
          {example.rows.length} of {example.totalRows} rows shown.
        </p>
      ) : null}
    </div>
  );
}
