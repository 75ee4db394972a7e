"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, Check, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useHasRole } from "@/features/auth";
import { apiSend } from "@/lib/api-client";
import { runQueries } from "../queries";
import { SavedViewName, type SavedView } from "../saved-views";
import { runsViewSearchParams, type RunsView } from "../search-params";

/**
 * Saved views: the current view (filter, columns, order, grouping) saved under a name in the
 * experiment's tags, so teammates see it too; choosing one puts its query in the URL. Viewers choose
 * views; saving and deleting them is for editors.
 */
export function SavedViewsMenu({
  experimentId,
  view,
  onApply,
}: {
  experimentId: string;
  view: RunsView;
  onApply: (search: string) => void;
}) {
  const queryClient = useQueryClient();
  const canEdit = useHasRole("editor");
  const views = useQuery(runQueries.views(experimentId));
  const current = runsViewSearchParams(view).toString();
  const active = views.data?.views.find((v) => v.search === current);
  const [dialog, setDialog] = useState(false);
  const [name, setName] = useState("");
  const invalid = name ? SavedViewName.safeParse(name) : null;

  const refresh = () => queryClient.invalidateQueries({ queryKey: runQueries.views(experimentId).queryKey });
  const save = useMutation({
    mutationFn: (body: { name: string; search: string }) =>
      apiSend<SavedView>("PUT", `/api/experiments/${experimentId}/views`, body),
    onSuccess: (saved) => {
      toast.success(`Saved view “${saved.name}”`);
      setDialog(false);
      return refresh();
    },
    onError: (error) => toast.error(`Could not save the view: ${error.message}`),
  });
  const remove = useMutation({
    mutationFn: (viewName: string) =>
      apiSend<void>("DELETE", `/api/experiments/${experimentId}/views?name=${encodeURIComponent(viewName)}`),
    onSuccess: (_, viewName) => {
      toast.success(`Deleted view “${viewName}”`);
      return refresh();
    },
    onError: (error) => toast.error(`Could not delete the view: ${error.message}`),
  });
  const exists = views.data?.views.some((v) => v.name === name.trim());

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" data-testid="saved-views">
            <Bookmark /> {active ? active.name : "Views"}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-72">
          <DropdownMenuLabel>Saved views of this experiment</DropdownMenuLabel>
          {views.isPending ? <DropdownMenuItem disabled>Loading…</DropdownMenuItem> : null}
          {views.error ? <DropdownMenuItem disabled>Could not load: {views.error.message}</DropdownMenuItem> : null}
          {views.data?.views.length === 0 ? (
            <DropdownMenuItem disabled>
              {canEdit ? "None yet: save this view to share it" : "None yet"}
            </DropdownMenuItem>
          ) : null}
          {views.data?.views.map((saved) => (
            <DropdownMenuItem key={saved.name} onSelect={() => onApply(saved.search)} data-testid="saved-view">
              <Check className={saved.search === current ? "opacity-100" : "opacity-0"} />
              <span className="flex-1 truncate" title={saved.savedBy ? `saved by ${saved.savedBy}` : undefined}>
                {saved.name}
              </span>
              {canEdit ? (
                <button
                  type="button"
                  aria-label={`Delete view ${saved.name}`}
                  className="rounded p-0.5 text-muted-foreground hover:text-destructive"
                  onClick={(event) => {
                    event.stopPropagation();
                    event.preventDefault();
                    remove.mutate(saved.name);
                  }}
                >
                  <Trash2 className="size-3.5" />
                </button>
              ) : null}
            </DropdownMenuItem>
          ))}
          {canEdit ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem
                onSelect={() => {
                  setName(active?.name ?? "");
                  setDialog(true);
                }}
              >
                <Bookmark /> Save current view…
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={dialog} onOpenChange={setDialog}>
        <DialogContent>
          <form
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (invalid?.success) save.mutate({ name: name.trim(), search: current });
            }}
          >
            <DialogHeader>
              <DialogTitle>Save this view</DialogTitle>
              <DialogDescription>
                Its filter, columns, order and grouping are stored in the experiment&apos;s MLflow tags, so everyone who
                opens this experiment can use it.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor="saved-view-name">Name</Label>
              <Input
                id="saved-view-name"
                value={name}
                autoFocus
                onChange={(event) => setName(event.target.value)}
                aria-invalid={invalid?.success === false}
                aria-describedby="saved-view-name-hint"
              />
              <p id="saved-view-name-hint" className="text-xs text-muted-foreground">
                {invalid && !invalid.success
                  ? invalid.error.issues[0]?.message
                  : exists
                    ? "A view with this name exists: saving replaces it."
                    : "Letters, digits, spaces, _ - and ."}
              </p>
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setDialog(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!invalid?.success || save.isPending}>
                {exists ? "Replace" : "Save"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
