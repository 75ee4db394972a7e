"use client";

import { ChevronRight, Pencil, Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { useDeleteRunTag, useSetRunTag } from "../hooks/use-run-mutations";
import { SYSTEM_TAG_PREFIX, TagValueText, UserTagKey, fieldError } from "../run-detail-schemas";
import type { RunDetail } from "../schemas";
import { RunLongText } from "./run-long-text";

type Tag = RunDetail["tags"][number];

function FieldError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <p id={id} className="text-xs text-destructive" role="alert">
      {message}
    </p>
  ) : null;
}

function EditTagValue({ tag, onSave, onCancel }: { tag: Tag; onSave: (value: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(tag.value);
  const error = fieldError(TagValueText, value);
  const id = `run-tag-edit-${tag.key}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (error === null) onSave(value);
  };
  return (
    <form
      onSubmit={submit}
      className="space-y-2"
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <Label htmlFor={id} className="sr-only">
        Value of {tag.key}
      </Label>
      <Textarea
        id={id}
        value={value}
        autoFocus
        rows={Math.min(6, Math.max(1, value.split("\n").length))}
        className="min-h-9 font-mono text-xs"
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          // Enter saves, Shift+Enter adds a line.
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={error !== null}>
          Save
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AddTagForm({
  existing,
  onAdd,
}: {
  existing: ReadonlySet<string>;
  onAdd: (key: string, value: string) => void;
}) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const keyError =
    key === "" && !submitted
      ? null
      : (fieldError(UserTagKey, key) ??
        (existing.has(key) ? `This run already has a tag "${key}": edit it in the table` : null));
  const valueError = fieldError(TagValueText, value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (fieldError(UserTagKey, key) !== null || existing.has(key) || valueError !== null) return;
    onAdd(key, value);
    setKey("");
    setValue("");
    setSubmitted(false);
  };
  return (
    <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto] sm:items-start" noValidate>
      <div className="space-y-1">
        <Label htmlFor="run-tag-new-key" className="text-xs">
          Key
        </Label>
        <Input
          id="run-tag-new-key"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          className="h-8 font-mono text-xs"
          aria-invalid={keyError !== null}
          aria-describedby={keyError ? "run-tag-new-key-error" : undefined}
        />
        <FieldError id="run-tag-new-key-error" message={keyError} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="run-tag-new-value" className="text-xs">
          Value
        </Label>
        <Input
          id="run-tag-new-value"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          className="h-8 font-mono text-xs"
          aria-invalid={valueError !== null}
          aria-describedby={valueError ? "run-tag-new-value-error" : undefined}
        />
        <FieldError id="run-tag-new-value-error" message={valueError} />
      </div>
      <Button type="submit" size="sm" variant="outline" className="sm:mt-5">
        <Plus /> Add tag
      </Button>
    </form>
  );
}

function SystemTags({ tags }: { tags: readonly Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <details className="group mt-4 rounded-md border" data-testid="run-system-tags">
      <summary className="flex cursor-pointer list-none items-center gap-1 px-3 py-2 text-sm font-medium select-none [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
        MLflow system tags ({tags.length})
        <span className="font-normal text-muted-foreground">: set by MLflow, read-only</span>
      </summary>
      <Table className="table-fixed">
        <TableBody>
          {tags.map((tag) => (
            <TableRow key={tag.key}>
              <TableCell className="w-2/5 align-top font-mono text-xs whitespace-normal [overflow-wrap:anywhere]">
                {tag.key}
              </TableCell>
              <TableCell className="align-top font-mono text-xs whitespace-normal">
                <RunLongText text={tag.value} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </details>
  );
}

/** The run's own tags, editable, and MLflow's system tags (`mlflow.*`) read-only and collapsed. */
export function RunTags({ run, editable }: { run: RunDetail; editable: boolean }) {
  const setTag = useSetRunTag(run.runId);
  const deleteTag = useDeleteRunTag(run.runId);
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const userTags = run.tags.filter((tag) => !tag.key.startsWith(SYSTEM_TAG_PREFIX));
  const systemTags = run.tags.filter((tag) => tag.key.startsWith(SYSTEM_TAG_PREFIX));
  return (
    <Card className="gap-3" data-testid="run-tags">
      <CardHeader>
        <CardTitle>Tags ({userTags.length})</CardTitle>
      </CardHeader>
      <CardContent>
        {userTags.length === 0 ? (
          <p className="mb-3 text-sm text-muted-foreground">
            No tags yet. Tags are free-form labels you can filter the runs table by (
            <code>tags.team = &apos;vision&apos;</code>).
          </p>
        ) : (
          <Table className="mb-3 table-fixed">
            <TableHeader>
              <TableRow>
                <TableHead className="w-2/5">Key</TableHead>
                <TableHead>Value</TableHead>
                {editable ? <TableHead className="w-20 text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {userTags.map((tag) => (
                <TableRow key={tag.key} data-testid="run-tag-row" data-key={tag.key}>
                  <TableCell className="align-top font-mono text-xs whitespace-normal [overflow-wrap:anywhere]">
                    {tag.key}
                  </TableCell>
                  <TableCell className="align-top font-mono text-xs whitespace-normal">
                    {editingKey === tag.key ? (
                      <EditTagValue
                        tag={tag}
                        onCancel={() => setEditingKey(null)}
                        onSave={(value) => {
                          setEditingKey(null);
                          if (value !== tag.value) setTag.mutate({ key: tag.key, value });
                        }}
                      />
                    ) : (
                      <RunLongText text={tag.value} />
                    )}
                  </TableCell>
                  {editable ? (
                    <TableCell className="text-right align-top">
                      <Button
                        variant="ghost"
                        size="icon"
                        className="size-7"
                        aria-label={`Edit tag ${tag.key}`}
                        title="Edit value"
                        onClick={() => setEditingKey(tag.key)}
                        disabled={editingKey === tag.key}
                      >
                        <Pencil />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        className="size-7 text-destructive hover:text-destructive"
                        aria-label={`Delete tag ${tag.key}`}
                        title="Delete tag"
                        onClick={() => deleteTag.mutate(tag.key)}
                      >
                        <Trash2 />
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {editable ? (
          <AddTagForm
            existing={new Set(run.tags.map((tag) => tag.key))}
            onAdd={(key, value) => setTag.mutate({ key, value })}
          />
        ) : null}
        <SystemTags tags={systemTags} />
      </CardContent>
    </Card>
  );
}
