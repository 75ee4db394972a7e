"use client";

import { Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { LazyMarkdown as Markdown } from "@/components/lazy-markdown";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";

/**
 * A registered model's or a version's description: Markdown rendered (raw HTML shown as text), edited
 * with a preview unless `readOnly`.
 */
export function DescriptionEditor({
  description,
  onSave,
  testId,
  what = "description",
  readOnly = false,
}: {
  description: string;
  onSave: (description: string) => void;
  testId: string;
  what?: string;
  readOnly?: boolean;
}) {
  const [editing, setEditing] = useState(false);

  if (editing && !readOnly)
    return (
      <DescriptionForm
        initial={description}
        testId={testId}
        onSave={(text) => {
          if (text !== description) onSave(text);
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );

  return (
    <section aria-label="Description" data-testid={testId} className="space-y-1">
      {description.trim() ? (
        <div className="flex items-start gap-2">
          <Markdown className="max-w-prose min-w-0 flex-1">{description}</Markdown>
          {readOnly ? null : (
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${what}`}>
              <Pencil />
            </Button>
          )}
        </div>
      ) : readOnly ? null : (
        <Button variant="ghost" size="sm" className="-ml-2 text-muted-foreground" onClick={() => setEditing(true)}>
          <Plus /> Add a {what}
        </Button>
      )}
    </section>
  );
}

function DescriptionForm({
  initial,
  testId,
  onSave,
  onCancel,
}: {
  initial: string;
  testId: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSave(text);
      }}
      className="max-w-3xl space-y-2"
      data-testid={`${testId}-editor`}
    >
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
            rows={6}
            autoFocus
            className="font-mono"
          />
        </TabsContent>
        <TabsContent value="preview" className="min-h-32 rounded-md border p-3">
          {text.trim() ? (
            <Markdown>{text}</Markdown>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing to preview.</p>
          )}
        </TabsContent>
      </Tabs>
      <p className="text-xs text-muted-foreground">Markdown with tables and task lists; raw HTML is not rendered.</p>
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Save description
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
