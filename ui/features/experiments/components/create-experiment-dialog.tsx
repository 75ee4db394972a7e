"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useCreateExperiment } from "../hooks/use-experiment-mutations";
import { FormError } from "./form-error";

/** "New experiment": name, an optional Markdown description, an optional artifact location. */
export function CreateExperimentDialog() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus /> New experiment
        </Button>
      </DialogTrigger>
      <DialogContent>
        {/* Mounted only while open, so each opening starts empty. */}
        <CreateExperimentForm onCreated={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateExperimentForm({ onCreated }: { onCreated: () => void }) {
  const router = useRouter();
  const create = useCreateExperiment();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [artifactLocation, setArtifactLocation] = useState("");

  function submit(event: React.FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        name,
        ...(description.trim() ? { description } : {}),
        ...(artifactLocation.trim() ? { artifactLocation: artifactLocation.trim() } : {}),
      },
      {
        onSuccess: (detail) => {
          onCreated();
          router.push(`/experiments/${detail.experimentId}`);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="grid gap-4" data-testid="create-experiment-form">
      <DialogHeader>
        <DialogTitle>New experiment</DialogTitle>
        <DialogDescription>Runs logged to it with MLflow or track() appear on its page.</DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="experiment-name">Name</Label>
        <Input
          id="experiment-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={500}
          autoFocus
          autoComplete="off"
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="experiment-description">
          Description <span className="font-normal text-muted-foreground">(optional, Markdown)</span>
        </Label>
        <Textarea
          id="experiment-description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          rows={4}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="experiment-artifact-location">
          Artifact location <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input
          id="experiment-artifact-location"
          value={artifactLocation}
          onChange={(event) => setArtifactLocation(event.target.value)}
          placeholder="MLflow's default"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {create.error ? <FormError error={create.error} testId="create-experiment-error" /> : null}
      <DialogFooter>
        <Button type="submit" disabled={create.isPending || !name.trim()}>
          {create.isPending ? "Creating…" : "Create"}
        </Button>
      </DialogFooter>
    </form>
  );
}
