"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useRenameExperiment } from "../hooks/use-experiment-mutations";
import { FormError } from "./form-error";

export interface RenameTarget {
  experimentId: string;
  name: string;
}

/** Open while `experiment` is set; closing clears it. */
export function RenameExperimentDialog({
  experiment,
  onClose,
}: {
  experiment: RenameTarget | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={experiment !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>{experiment ? <RenameForm experiment={experiment} onDone={onClose} /> : null}</DialogContent>
    </Dialog>
  );
}

function RenameForm({ experiment, onDone }: { experiment: RenameTarget; onDone: () => void }) {
  const rename = useRenameExperiment();
  const [name, setName] = useState(experiment.name);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (name.trim() === experiment.name) return onDone();
    rename.mutate({ experimentId: experiment.experimentId, name }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} className="grid gap-4" data-testid="rename-experiment-form">
      <DialogHeader>
        <DialogTitle>Rename experiment</DialogTitle>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="rename-experiment-name">Name</Label>
        <Input
          id="rename-experiment-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={500}
          autoFocus
          autoComplete="off"
        />
      </div>
      {rename.error ? <FormError error={rename.error} testId="rename-experiment-error" /> : null}
      <DialogFooter>
        <Button type="submit" disabled={rename.isPending || !name.trim()}>
          {rename.isPending ? "Renaming…" : "Rename"}
        </Button>
      </DialogFooter>
    </form>
  );
}
