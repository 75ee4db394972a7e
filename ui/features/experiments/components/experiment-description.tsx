"use client";

import { Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { MLFLOW_TAGS } from "mltrack-sdk/tags";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { useDeleteExperimentTag, useSetExperimentTag } from "../hooks/use-experiment-mutations";
import { LazyMarkdown as Markdown } from "@/components/lazy-markdown";

/** The description (MLflow's `mlflow.note.content`): Markdown, shown rendered, edited with a preview. */
export function ExperimentDescription({
  experimentId,
  description,
  readOnly,
}: {
  experimentId: string;
  description: string;
  readOnly: boolean;
}) {
  const [editing, setEditing] = useState(false);

  if (editing && !readOnly)
    return <DescriptionEditor experimentId={experimentId} initial={description} onDone={() => setEditing(false)} />;

  return (
    <section aria-label="Description" data-testid="experiment-description" className="group space-y-1">
      {description.trim() ? (
        <div className="flex items-start gap-2">
          <Markdown className="max-w-prose min-w-0 flex-1">{description}</Markdown>
          {readOnly ? null : (
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label="Edit description">
              <Pencil />
            </Button>
          )}
        </div>
      ) : readOnly ? null : (
        <Button variant="ghost" size="sm" className="-ml-2 text-muted-foreground" onClick={() => setEditing(true)}>
          <Plus /> Add a description
        </Button>
      )}
    </section>
  );
}

function DescriptionEditor({
  experimentId,
  initial,
  onDone,
}: {
  experimentId: string;
  initial: string;
  onDone: () => void;
}) {
  const [text, setText] = useState(initial);
  const set = useSetExperimentTag(experimentId);
  const clear = useDeleteExperimentTag(experimentId);

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (text === initial) return onDone();
    // Optimistic: the heading shows the new text at once, and goes back if MLflow refuses it.
    if (text.trim()) set.mutate({ key: MLFLOW_TAGS.note, value: text });
    else clear.mutate(MLFLOW_TAGS.note);
    onDone();
  }

  return (
    <form onSubmit={save} className="max-w-3xl space-y-2" data-testid="description-editor">
      <Tabs defaultValue="write">
        <TabsList>
          <TabsTrigger value="write">Write</TabsTrigger>
          <TabsTrigger value="preview">Preview</TabsTrigger>
        </TabsList>
        <TabsContent value="write">
          <Textarea
            aria-label="Description (Markdown)"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={8}
            autoFocus
            className="font-mono"
          />
        </TabsContent>
        <TabsContent value="preview" className="min-h-40 rounded-md border p-3" data-testid="description-preview">
          {text.trim() ? (
            <Markdown>{text}</Markdown>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing to preview.</p>
          )}
        </TabsContent>
      </Tabs>
      <p className="text-xs text-muted-foreground">Markdown with tables and task lists; HTML is shown as text.</p>
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Save description
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
