"use client";

import { Check, Pencil, Plus, Trash2, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { registryTagKeyProblem, type RegistryTag } from "../registry-tags";

/**
 * Tags of a registered model or of one version: each can be edited or deleted, and new ones added,
 * unless `readOnly`. `mlflow.*` tags are shown but not editable; deployment records never reach this
 * component.
 */
export function RegistryTagsEditor({
  tags,
  onSet,
  onDelete,
  testId,
  label = "Tags",
  readOnly = false,
}: {
  tags: readonly RegistryTag[];
  onSet: (tag: RegistryTag) => void;
  onDelete: (key: string) => void;
  testId: string;
  label?: string;
  readOnly?: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  if (readOnly && tags.length === 0) return null;
  return (
    <section aria-label={label} className="space-y-1.5" data-testid={testId}>
      <h2 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</h2>
      {tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {tags.map((tag) =>
            editing === tag.key ? (
              <li key={tag.key} className="w-full max-w-xl">
                <TagValueForm
                  tag={tag}
                  onSave={(value) => {
                    if (value !== tag.value) onSet({ key: tag.key, value });
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li
                key={tag.key}
                data-testid="registry-tag"
                data-tag-key={tag.key}
                className="flex max-w-full items-center gap-1 rounded-md border bg-muted/40 py-0.5 pr-0.5 pl-2 text-xs"
              >
                <span className="max-w-60 truncate font-mono font-medium" title={tag.key}>
                  {tag.key}
                </span>
                <span className="text-muted-foreground">=</span>
                <span className="max-w-80 truncate" title={tag.value} data-testid="registry-tag-value">
                  {tag.value || <em className="text-muted-foreground">empty</em>}
                </span>
                {readOnly || registryTagKeyProblem(tag.key) ? (
                  <span className="w-1" />
                ) : (
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
                      onClick={() => onDelete(tag.key)}
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
            onSet(tag);
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
  tag: RegistryTag;
  onSave: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(tag.value);
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value);
      }}
    >
      <span className="max-w-48 shrink-0 truncate font-mono text-xs font-medium" title={tag.key}>
        {tag.key}
      </span>
      <Input
        aria-label={`Value of ${tag.key}`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
        autoFocus
        className="h-8 text-xs"
      />
      <Button type="submit" size="icon" className="size-8 shrink-0" aria-label="Save tag">
        <Check />
      </Button>
      <Button
        type="button"
        variant="outline"
        size="icon"
        className="size-8 shrink-0"
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
  existing: readonly RegistryTag[];
  onAdd: (tag: RegistryTag) => void;
  onCancel: () => void;
}) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const problem =
    registryTagKeyProblem(key) ??
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
      />
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
        <p role="alert" className="w-full text-xs text-destructive">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
