"use client";

import { FileText, Pencil } from "lucide-react";
import { useState, type KeyboardEvent } from "react";
import { LazyMarkdown as Markdown } from "@/components/lazy-markdown";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { LIMITS } from "mltrack-sdk/validation";
import { useSetRunNote } from "../hooks/use-run-mutations";
import { TagValueText, fieldError } from "../run-detail-schemas";
import type { RunDetail } from "../schemas";

function NoteEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const error = fieldError(TagValueText, draft);
  const save = () => {
    if (error === null) onSave(draft);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <div className="space-y-3" onKeyDown={onKeyDown} data-testid="run-note-editor">
      <Tabs defaultValue="write">
        <TabsList>
          <TabsTrigger value="write">Write</TabsTrigger>
          <TabsTrigger value="preview">Preview</TabsTrigger>
        </TabsList>
        <TabsContent value="write" className="space-y-1">
          <Label htmlFor="run-note-input" className="sr-only">
            Description (Markdown)
          </Label>
          <Textarea
            id="run-note-input"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            autoFocus
            rows={10}
            className="font-mono text-sm"
            placeholder="What this run tried, what it showed, what to do next. Markdown works."
            aria-invalid={error !== null}
            aria-describedby="run-note-help"
          />
          <p id="run-note-help" className={error ? "text-sm text-destructive" : "text-xs text-muted-foreground"}>
            {error ?? "Markdown, GitHub flavoured. Ctrl/⌘+Enter saves, Escape cancels."}{" "}
            <span className="tabular-nums">
              {draft.length.toLocaleString("en-US")} / {LIMITS.tagValueLength.toLocaleString("en-US")}
            </span>
          </p>
        </TabsContent>
        <TabsContent value="preview" className="min-h-24 rounded-md border p-3" data-testid="run-note-preview">
          {draft.trim() ? (
            <Markdown>{draft}</Markdown>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing to preview.</p>
          )}
        </TabsContent>
      </Tabs>
      <div className="flex gap-2">
        <Button size="sm" onClick={save} disabled={error !== null}>
          Save
        </Button>
        <Button size="sm" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** The run's description (`mlflow.note.content`): Markdown, edited with a Write/Preview editor. */
export function RunNote({ run, editable }: { run: RunDetail; editable: boolean }) {
  const setNote = useSetRunNote(run.runId);
  // The draft being edited, or null when reading. It starts from the note when Edit is pressed.
  const [editing, setEditing] = useState<string | null>(null);
  const save = (content: string) => {
    setEditing(null);
    if (content === run.note) return;
    // Optimistic: the note shows at once; if MLflow refuses it, the editor comes back with the draft.
    setNote.mutate({ content }, { onError: () => setEditing(content) });
  };
  return (
    <Card className="gap-4" data-testid="run-note">
      <CardHeader className="flex min-h-8 items-center justify-between">
        <CardTitle>Description</CardTitle>
        {editable && editing === null && run.note ? (
          <Button size="sm" variant="outline" onClick={() => setEditing(run.note)}>
            <Pencil /> Edit
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {editing !== null ? (
          <NoteEditor initial={editing} onSave={save} onCancel={() => setEditing(null)} />
        ) : run.note ? (
          <Markdown>{run.note}</Markdown>
        ) : (
          <div className="flex flex-col items-start gap-2 text-sm text-muted-foreground">
            <p className="flex items-center gap-2">
              <FileText className="size-4" aria-hidden />
              No description yet.{" "}
              {editable ? "Note what this run tried and what it showed; teammates see it in MLflow too." : null}
            </p>
            {editable ? (
              <Button size="sm" variant="outline" onClick={() => setEditing("")}>
                <Pencil /> Add a description
              </Button>
            ) : null}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
