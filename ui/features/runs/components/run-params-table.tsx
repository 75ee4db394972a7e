"use client";

import { useState } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RunDetail } from "../schemas";
import { RunLongText } from "./run-long-text";
import { RUN_TABLE_ROW_LIMIT, RunTableSearch, matches } from "./run-table-search";

/** The run's params, searchable by key or value; long values are clamped with a way to read them whole. */
export function RunParamsTable({ params }: { params: RunDetail["params"] }) {
  const [query, setQuery] = useState("");
  const shown = params.filter((param) => matches(query, param.key, param.value));
  return (
    <Card className="gap-3" data-testid="run-params">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Parameters ({params.length.toLocaleString("en-US")})</CardTitle>
        {params.length > 0 ? (
          <RunTableSearch id="run-params-search" label="Search parameters" value={query} onChange={setQuery} />
        ) : null}
      </CardHeader>
      <CardContent>
        {params.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            This run logged no parameters. Log them with <code>mlflow.log_param</code> or the SDK&apos;s{" "}
            <code>track(fn, &#123; params &#125;)</code>.
          </p>
        ) : shown.length === 0 ? (
          <p className="text-sm text-muted-foreground">No parameter matches “{query}”.</p>
        ) : (
          <Table className="table-fixed">
            <TableHeader>
              <TableRow>
                <TableHead className="w-2/5">Key</TableHead>
                <TableHead>Value</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.slice(0, RUN_TABLE_ROW_LIMIT).map((param) => (
                <TableRow key={param.key} data-testid="run-param-row">
                  <TableCell className="align-top font-mono text-xs whitespace-normal [overflow-wrap:anywhere]">
                    {param.key}
                  </TableCell>
                  <TableCell className="align-top font-mono text-xs whitespace-normal">
                    <RunLongText text={param.value} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {shown.length > RUN_TABLE_ROW_LIMIT ? (
          <p className="mt-2 text-xs text-muted-foreground">
            Showing {RUN_TABLE_ROW_LIMIT} of {shown.length.toLocaleString("en-US")}; search to narrow them down.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
