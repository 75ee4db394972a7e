import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Timestamp } from "@/components/timestamp";
import type { ExperimentSummary } from "../schemas";

export function ExperimentsTable({ experiments }: { experiments: readonly ExperimentSummary[] }) {
  return (
    <Table data-testid="experiments-table">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead className="w-24">ID</TableHead>
          <TableHead className="w-44">Created</TableHead>
          <TableHead className="w-44">Last updated</TableHead>
          <TableHead>Description</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {experiments.map((experiment) => (
          <TableRow key={experiment.experimentId} data-testid="experiment-row">
            <TableCell className="max-w-md truncate font-medium" title={experiment.name}>
              <Link href={`/experiments/${experiment.experimentId}`} className="hover:underline">
                {experiment.name}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs text-muted-foreground">{experiment.experimentId}</TableCell>
            <TableCell>
              <Timestamp ms={experiment.creationTime} />
            </TableCell>
            <TableCell>
              <Timestamp ms={experiment.lastUpdateTime} />
            </TableCell>
            <TableCell className="max-w-md truncate text-muted-foreground" title={experiment.description}>
              {experiment.description}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
