"use client";

import { Check, Pencil, Plus, Trash2, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { tagKeyProblem, type ExperimentTag } from "../experiment-tags";
import { useDeleteExperimentTag, useSetExperimentTag } from "../hooks/use-experiment-mutations";

/** The user's tags on the experiment: each can be edited or deleted, and new ones added. */
export function ExperimentTagsEditor({
  experimentId,
  tags,
  readOnly,
}: {
  experimentId: string;
  tags: readonly ExperimentTag[];
  readOnly: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const set = useSetExperimentTag(experimentId);
  const remove = useDeleteExperimentTag(experimentId);

  if (readOnly && tags.length === 0) return null;
  return (
    <section aria-label="Tags" className="space-y-1.5" data-testid="experiment-tags">
      <h2 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Tags</h2>
      {tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {tags.map((tag) =>
            editing === tag.key ? (
              <li key={tag.key} className="w-full max-w-xl">
                <TagValueForm
                  tag={tag}
                  onSave={(value) => {
                    if (value !== tag.value) set.mutate({ key: tag.key, value });
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li
                key={tag.key}
                data-testid="experiment-tag"
                data-tag-key={tag.key}
                className="flex max-w-full items-center gap-1 rounded-md border bg-muted/40 py-0.5 pr-0.5 pl-2 text-xs"
              >
                <span className="max-w-60 truncate font-mono font-medium" title={tag.key}>
                  {tag.key}
                </span>
                <span className="text-muted-foreground">=</span>
                <span className="max-w-80 truncate" title={tag.value} data-testid="experiment-tag-value">
                  {tag.value || <em className="text-muted-foreground">empty</em>}
                </span>
                {readOnly ? null : (
                  <>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-6"
                      aria-label={`Edit tag ${tag.key}`}
                      onClick={() => setEditing(tag.key)}
                    >
                      <Pencil className="size-3" />
                    </Button>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-6"
                      aria-label={`Delete tag ${tag.key}`}
                      onClick={() => remove.mutate(tag.key)}
                    >
                      <Trash2 className="size-3" />
                    </Button>
                  </>
                )}
              </li>
            ),
          )}
        </ul>
      ) : null}
      {readOnly ? null : adding ? (
        <AddTagForm
          existing={tags}
          onAdd={(tag) => {
            set.mutate(tag);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button variant="ghost" size="sm" className="-ml-2 text-muted-foreground" onClick={() => setAdding(true)}>
          <Plus /> Add tag
        </Button>
      )}
    </section>
  );
}

function TagValueForm({
  tag,
  onSave,
  onCancel,
}: {
  tag: ExperimentTag;
  onSave: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(tag.value);
  return (
    <form
      className="flex items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value);
      }}
    >
      <span className="mt-2 max-w-48 shrink-0 truncate font-mono text-xs font-medium" title={tag.key}>
        {tag.key}
      </span>
      <Textarea
        aria-label={`Value of ${tag.key}`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            onSave(value);
          }
          if (event.key === "Escape") onCancel();
        }}
        rows={1}
        autoFocus
        className="min-h-9 text-xs"
      />
      <Button type="submit" size="icon" className="size-9 shrink-0" aria-label="Save tag">
        <Check />
      </Button>
      <Button
        type="button"
        variant="outline"
        size="icon"
        className="size-9 shrink-0"
        aria-label="Cancel"
        onClick={onCancel}
      >
        <X />
      </Button>
    </form>
  );
}

function AddTagForm({
  existing,
  onAdd,
  onCancel,
}: {
  existing: readonly ExperimentTag[];
  onAdd: (tag: ExperimentTag) => void;
  onCancel: () => void;
}) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const problem =
    tagKeyProblem(key) ??
    (existing.some((tag) => tag.key === key) ? `The tag "${key}" exists: edit it instead.` : undefined);

  return (
    <form
      className="flex max-w-2xl flex-wrap items-start gap-2"
      data-testid="add-tag-form"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (!problem) onAdd({ key, value });
      }}
    >
      <div className="grid gap-1">
        <Input
          aria-label="Tag key"
          placeholder="key"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          className="h-8 w-48 font-mono text-xs"
          aria-invalid={submitted && problem !== undefined}
          aria-describedby={submitted && problem ? "add-tag-problem" : undefined}
        />
      </div>
      <Input
        aria-label="Tag value"
        placeholder="value"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        autoComplete="off"
        className="h-8 min-w-48 flex-1 text-xs"
      />
      <Button type="submit" size="sm">
        Add
      </Button>
      <Button type="button" variant="outline" size="sm" onClick={onCancel}>
        Cancel
      </Button>
      {submitted && problem ? (
        <p id="add-tag-problem" role="alert" className="w-full text-xs text-destructive">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** MLflow's own tags (`mlflow.*`): shown for reference, collapsed, never edited here. */
export function SystemTags({ tags }: { tags: readonly ExperimentTag[] }) {
  if (tags.length === 0) return null;
  return (
    <details className="text-xs" data-testid="experiment-system-tags">
      <summary className="cursor-pointer text-muted-foreground select-none hover:text-foreground">
        MLflow tags ({tags.length})
      </summary>
      <dl className="mt-1 grid max-w-3xl grid-cols-[minmax(8rem,auto)_1fr] gap-x-3 gap-y-0.5">
        {tags.map((tag) => (
          <div key={tag.key} className="contents">
            <dt className="truncate font-mono text-muted-foreground" title={tag.key}>
              {tag.key}
            </dt>
            <dd className="truncate" title={tag.value}>
              {tag.value}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
