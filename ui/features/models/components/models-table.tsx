import Link from "next/link";
import { Timestamp } from "@/components/timestamp";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import type { RegisteredModelSummary } from "../schemas";
import { modelHref } from "../search-params";

/** Tags shown per row before "+n more". */
const TAGS_SHOWN = 3;

export function ModelsTable({ models, busy }: { models: readonly RegisteredModelSummary[]; busy: boolean }) {
  return (
    <Table data-testid="models-table" className={cn(busy && "opacity-60")}>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Latest versions</TableHead>
          <TableHead>Aliases</TableHead>
          <TableHead>Tags</TableHead>
          <TableHead>Description</TableHead>
          <TableHead className="text-right">Last updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {models.map((model) => (
          <TableRow key={model.name} data-testid="model-row" data-model={model.name}>
            <TableCell className="max-w-72 truncate font-medium">
              <Link href={modelHref(model.name)} className="hover:underline" title={model.name}>
                {model.name}
              </Link>
            </TableCell>
            <TableCell data-testid="model-latest-versions">
              <div className="flex flex-wrap gap-1">
                {model.latestVersions.length === 0 ? <span className="text-muted-foreground">—</span> : null}
                {model.latestVersions.map((v) => (
                  <Link
                    key={v.version}
                    href={modelHref(model.name, v.version)}
                    className="inline-flex items-center gap-1 rounded-md border px-1.5 py-0.5 font-mono text-xs hover:bg-accent"
                  >
                    v{v.version}
                    {v.aliases.map((alias) => (
                      <span key={alias} className="text-muted-foreground">
                        @{alias}
                      </span>
                    ))}
                  </Link>
                ))}
              </div>
            </TableCell>
            <TableCell data-testid="model-aliases">
              <div className="flex flex-wrap gap-1">
                {model.aliases.map(({ alias, version }) => (
                  <Badge key={alias} variant="secondary" title={`@${alias} points at version ${version}`}>
                    @{alias} → v{version}
                  </Badge>
                ))}
              </div>
            </TableCell>
            <TableCell data-testid="model-tags">
              <div className="flex max-w-72 flex-wrap gap-1">
                {model.tags.slice(0, TAGS_SHOWN).map(({ key, value }) => (
                  <Badge
                    key={key}
                    variant="outline"
                    className="max-w-60 truncate font-normal"
                    title={`${key}: ${value}`}
                  >
                    {key}: {value}
                  </Badge>
                ))}
                {model.tags.length > TAGS_SHOWN ? (
                  <span className="text-xs text-muted-foreground">+{model.tags.length - TAGS_SHOWN} more</span>
                ) : null}
              </div>
            </TableCell>
            <TableCell className="max-w-80 truncate text-muted-foreground" title={model.description}>
              {model.description}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap text-muted-foreground">
              <Timestamp ms={model.lastUpdatedTimestamp} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
